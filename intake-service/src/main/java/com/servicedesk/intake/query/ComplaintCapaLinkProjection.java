package com.servicedesk.intake.query;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import com.servicedesk.events.Topics;
import com.servicedesk.events.quality.CapaOpenedEvent;
import com.servicedesk.platform.consumer.IdempotentConsumer;
import com.servicedesk.platform.projection.AggregateDocumentProjection;
import com.servicedesk.platform.projection.ReadModelTarget;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.Date;
import java.util.List;

/**
 * The CAPAs opened from each complaint ({@code capaIds[]} of a complaint), from quality's topic. Kept in a collection
 * of its own, one document per CAPA, rather than in the complaint's document: the two topics arrive in no common
 * order (a replay may bring the CAPA before the complaint's registration), and a link that needs no complaint document
 * is right in any order.
 */
@Component
public class ComplaintCapaLinkProjection extends AggregateDocumentProjection {
    public static final String NAME = "intake-complaint-capa-links";
    public static final String COLLECTION = "complaint_capas";

    private final IdempotentConsumer consumer;

    public ComplaintCapaLinkProjection(MongoDatabase readModelDatabase, IdempotentConsumer consumer) {
        super(NAME, readModelDatabase, COLLECTION, "CAPA", List.of(), List.of());
        readModelDatabase.getCollection(COLLECTION).createIndex(Indexes.ascending("complaintId"));
        this.consumer = consumer;
        router.on(CapaOpenedEvent.class, (batch, opened, event) -> {
            if (opened.complaintId() != null) {
                create(batch, event, new Document("complaintId", opened.complaintId()).append("source", opened.source().name())
                        .append("openedAt", Date.from(event.occurredAt())));
            }
        });
    }

    @Override
    public ComplaintCapaLinkProjection writingTo(ReadModelTarget target) {
        return new ComplaintCapaLinkProjection(target.database(), consumer);
    }

    @KafkaListener(id = NAME, batch = "true", topics = Topics.CAPA, groupId = "${servicedesk.projections.complaint-capa-links.group:" + NAME + "}")
    public void on(List<ConsumerRecord<String, byte[]>> records) {
        consumer.consume(NAME, records, this);
    }
}

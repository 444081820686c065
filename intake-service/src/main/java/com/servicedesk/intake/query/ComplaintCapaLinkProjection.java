package com.servicedesk.intake.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.servicedesk.events.Topics;
import com.servicedesk.events.quality.CapaOpenedEvent;
import com.servicedesk.platform.consumer.IdempotentConsumer;
import com.servicedesk.platform.consumer.PublishedEvent;
import com.servicedesk.platform.projection.ReadModelTarget;
import com.servicedesk.platform.projection.RebuildableProjection;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.Date;
import java.util.List;
import java.util.function.Consumer;

/**
 * The CAPAs opened from each complaint ({@code capaIds[]} of a complaint), from quality's topic. Kept in a collection
 * of its own, one document per CAPA, rather than in the complaint's document: the two topics arrive in no common
 * order (a replay may bring the CAPA before the complaint's registration), and a link that needs no complaint document
 * is right in any order.
 */
@Component
public class ComplaintCapaLinkProjection extends RebuildableProjection {
    public static final String NAME = "intake-complaint-capa-links";
    public static final String COLLECTION = "complaint_capas";

    private final MongoCollection<Document> links;
    private final IdempotentConsumer consumer;

    public ComplaintCapaLinkProjection(MongoDatabase readModelDatabase, IdempotentConsumer consumer) {
        super(NAME, List.of(COLLECTION));
        this.links = readModelDatabase.getCollection(COLLECTION);
        this.links.createIndex(Indexes.ascending("complaintId"));
        this.consumer = consumer;
    }

    @Override
    public Consumer<PublishedEvent> writingTo(ReadModelTarget target) {
        return new ComplaintCapaLinkProjection(target.database(), consumer)::project;
    }

    @KafkaListener(id = NAME, topics = Topics.CAPA, groupId = "${servicedesk.projections.complaint-capa-links.group:" + NAME + "}")
    public void on(ConsumerRecord<String, byte[]> record) {
        consumer.consume(NAME, record, this::project);
    }

    void project(PublishedEvent event) {
        if (event.payload() instanceof CapaOpenedEvent opened && opened.complaintId() != null) {
            links.replaceOne(Filters.eq("_id", opened.capaId()), new Document("_id", opened.capaId())
                            .append("complaintId", opened.complaintId())
                            .append("source", opened.source().name())
                            .append("openedAt", Date.from(event.occurredAt())),
                    new ReplaceOptions().upsert(true));
        }
    }
}

package com.servicedesk.intake.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.servicedesk.events.Topics;
import com.servicedesk.events.intake.ComplaintRegisteredEvent;
import com.servicedesk.events.intake.ComplaintStatus;
import com.servicedesk.platform.consumer.IdempotentConsumer;
import com.servicedesk.platform.consumer.PublishedEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.Date;
import java.util.List;

/**
 * The {@code complaints} read model: one document per complaint, fed from the complaint topic. Each write replaces or
 * updates the complaint's own document and stores the sequence it reflects ({@code version}).
 */
@Component
public class ComplaintProjection {
    public static final String NAME = "intake-complaint-projection";
    public static final String COLLECTION = "complaints";

    private final MongoCollection<Document> complaints;
    private final IdempotentConsumer consumer;

    public ComplaintProjection(MongoDatabase readModelDatabase, IdempotentConsumer consumer) {
        this.complaints = readModelDatabase.getCollection(COLLECTION);
        this.consumer = consumer;
    }

    @KafkaListener(id = NAME, topics = Topics.COMPLAINT,
            groupId = "${servicedesk.projections.complaint.group:" + NAME + "}",
            concurrency = "${servicedesk.projections.complaint.concurrency:1}")
    public void on(ConsumerRecord<String, byte[]> record) {
        consumer.consume(NAME, record, this::project);
    }

    void project(PublishedEvent event) {
        if (event.payload() instanceof ComplaintRegisteredEvent registered) {
            complaints.replaceOne(Filters.eq("_id", registered.complaintId()), registered(registered, event),
                    new ReplaceOptions().upsert(true));
        }
    }

    private static Document registered(ComplaintRegisteredEvent e, PublishedEvent event) {
        Document contact = new Document("name", e.contact().name())
                .append("phone", e.contact().phone())
                .append("email", e.contact().email());
        Document sla = new Document("acknowledge", clock(e.acknowledgeDueAt()))
                .append("reply", clock(e.replyDueAt()))
                .append("onSite", null);
        return new Document("_id", e.complaintId())
                .append("complaintId", e.complaintId())
                .append("status", ComplaintStatus.REGISTERED.name())
                .append("customerId", e.customerId())
                .append("customerName", e.customerName())
                .append("contact", contact)
                .append("channel", e.channel().name())
                .append("productModel", e.productModel())
                .append("serialNumber", e.serialNumber())
                .append("deliveryDate", e.deliveryDate() == null ? null : e.deliveryDate().toString())
                .append("category", e.category().name())
                .append("severity", e.severity().name())
                .append("region", e.region().name())
                .append("description", e.description())
                .append("receivedAt", Date.from(e.receivedAt()))
                .append("replyRequestedBy", e.replyRequestedBy() == null ? null : e.replyRequestedBy().toString())
                .append("registeredAt", Date.from(event.occurredAt()))
                .append("registeredBy", event.actor())
                .append("sla", sla)
                .append("serviceOrderIds", List.of())
                .append("capaIds", List.of())
                .append("returns", List.of())
                .append("version", event.sequence());
    }

    private static Document clock(java.time.Instant dueAt) {
        return new Document("dueAt", Date.from(dueAt)).append("metAt", null);
    }
}

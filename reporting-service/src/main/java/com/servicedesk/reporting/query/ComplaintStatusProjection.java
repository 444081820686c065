package com.servicedesk.reporting.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Updates;
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

/**
 * Reporting's own view of every complaint, fed from the complaint topic in its own consumer group: one document per
 * complaint ({@code complaint_status}) with what the dashboard counts. Counts are computed from these documents, so
 * a redelivered event can never count twice.
 */
@Component
public class ComplaintStatusProjection {
    public static final String NAME = "reporting-complaint-status";
    public static final String COLLECTION = "complaint_status";

    private final MongoCollection<Document> complaints;
    private final IdempotentConsumer consumer;

    public ComplaintStatusProjection(MongoDatabase readModelDatabase, IdempotentConsumer consumer) {
        this.complaints = readModelDatabase.getCollection(COLLECTION);
        this.consumer = consumer;
    }

    @KafkaListener(id = NAME, topics = Topics.COMPLAINT,
            groupId = "${servicedesk.projections.complaint-status.group:" + NAME + "}",
            concurrency = "${servicedesk.projections.complaint-status.concurrency:1}")
    public void on(ConsumerRecord<String, byte[]> record) {
        consumer.consume(NAME, record, this::project);
    }

    void project(PublishedEvent event) {
        if (!(event.payload() instanceof ComplaintRegisteredEvent e)) {
            moved(event);
            return;
        }
        complaints.replaceOne(Filters.eq("_id", e.complaintId()), new Document("_id", e.complaintId())
                        .append("status", ComplaintStatus.REGISTERED.name())
                        .append("open", true)
                        .append("category", e.category().name())
                        .append("region", e.region().name())
                        .append("channel", e.channel().name())
                        .append("severity", e.severity().name())
                        .append("customerId", e.customerId())
                        .append("receivedAt", Date.from(e.receivedAt()))
                        .append("recordedAt", Date.from(event.occurredAt()))
                        .append("version", event.sequence()),
                new ReplaceOptions().upsert(true));
    }

    /** Every later event may move the status; the rule is the published language's, the same as intake's. */
    private void moved(PublishedEvent event) {
        Document complaint = complaints.find(Filters.eq("_id", event.aggregateId())).first();
        if (complaint == null) {
            throw new IllegalStateException("complaint " + event.aggregateId() + " has no registration before " + event.type());
        }
        ComplaintStatus status = ComplaintStatus.valueOf(complaint.getString("status")).after(event.payload());
        complaints.updateOne(Filters.eq("_id", event.aggregateId()), Updates.combine(
                Updates.set("status", status.name()),
                Updates.set("open", status.isOpen()),
                Updates.set("version", event.sequence())));
    }
}

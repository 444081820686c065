package com.servicedesk.intake.query;

import com.mongodb.client.MongoDatabase;
import com.servicedesk.events.Topics;
import com.servicedesk.events.intake.ComplaintAcknowledgedEvent;
import com.servicedesk.events.intake.ComplaintClassifiedEvent;
import com.servicedesk.events.intake.ComplaintClosedEvent;
import com.servicedesk.events.intake.ComplaintRegisteredEvent;
import com.servicedesk.events.intake.ComplaintRejectedEvent;
import com.servicedesk.events.intake.ComplaintRepliedEvent;
import com.servicedesk.events.intake.ComplaintReopenedEvent;
import com.servicedesk.events.intake.ComplaintStatus;
import com.servicedesk.events.intake.ComplaintVerificationChangedEvent;
import com.servicedesk.events.intake.ComplaintVerifiedEvent;
import com.servicedesk.events.intake.FieldServiceArrivalRecordedEvent;
import com.servicedesk.events.intake.FieldServiceFinishedEvent;
import com.servicedesk.events.intake.FieldServiceLinkedEvent;
import com.servicedesk.events.intake.FieldServiceRequestedEvent;
import com.servicedesk.events.intake.ProductReturnRecordedEvent;
import com.servicedesk.events.intake.SlaAtRiskEvent;
import com.servicedesk.events.intake.SlaBreachedEvent;
import com.servicedesk.events.intake.SlaClock;
import com.servicedesk.intake.command.SlaPolicy;
import com.servicedesk.platform.consumer.IdempotentConsumer;
import com.servicedesk.platform.consumer.PublishedEvent;
import com.servicedesk.platform.deadline.ClockState;
import com.servicedesk.platform.mongo.Documents;
import com.servicedesk.platform.mongo.ReadModelBatch;
import com.servicedesk.platform.projection.AggregateDocumentProjection;
import com.servicedesk.platform.projection.ReadModelTarget;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * The {@code complaints} read model: one document per complaint, fed from the complaint topic, holding the sequence it
 * reflects ({@code version}). Each clock is {@code sla.<clock> = {dueAt, atRiskAt, metAt, outcome, atRiskRaisedAt,
 * breachedAt}}: {@code outcome} is set once the clock stops (MET or MET_LATE), so every state is a plain range query
 * on these fields. Collections are documented for analysts in {@code ComplaintQuery}.
 */
@Component
public class ComplaintProjection extends AggregateDocumentProjection {
    public static final String NAME = "intake-complaint-projection";
    public static final String COLLECTION = "complaints";
    static final List<String> CLOCKS = List.of("acknowledge", "reply", "onSite");

    private final IdempotentConsumer consumer;
    private final SlaPolicy sla;

    public ComplaintProjection(MongoDatabase readModelDatabase, IdempotentConsumer consumer, SlaPolicy sla) {
        super(NAME, readModelDatabase, COLLECTION, "complaint", List.of(), List.of());
        this.consumer = consumer;
        this.sla = sla;
        router.on(ComplaintRegisteredEvent.class, (batch, e, event) -> create(batch, event, registered(e, event)))
                .on(ComplaintAcknowledgedEvent.class, this::acknowledged)
                .on(ComplaintClassifiedEvent.class, this::classified)
                .on(FieldServiceRequestedEvent.class, this::fieldServiceRequested)
                .on(FieldServiceLinkedEvent.class, this::fieldServiceLinked)
                .on(FieldServiceArrivalRecordedEvent.class, this::arrivalRecorded)
                .on(FieldServiceFinishedEvent.class, this::fieldServiceFinished)
                .on(ComplaintVerifiedEvent.class, (batch, e, event) -> verification(change(batch, event),
                        e.companyResponsible(), e.confirmedCategory().name(), e.findings(), event))
                .on(ComplaintVerificationChangedEvent.class, (batch, e, event) -> verification(change(batch, event),
                        e.companyResponsible(), e.confirmedCategory().name(), e.findings(), event))
                .on(ComplaintRepliedEvent.class, this::replied)
                .on(ProductReturnRecordedEvent.class, this::returnRecorded)
                .on(ComplaintClosedEvent.class, this::closed)
                .on(ComplaintRejectedEvent.class, this::rejected)
                .on(ComplaintReopenedEvent.class, (batch, e, event) -> Documents.list(change(batch, event), "reopenings")
                        .add(new Document("reason", e.reason()).append("at", at(event)).append("by", event.actor())))
                .on(SlaAtRiskEvent.class, (batch, e, event) -> clockOf(change(batch, event), e.clock()).put("atRiskRaisedAt", at(event)))
                .on(SlaBreachedEvent.class, (batch, e, event) -> clockOf(change(batch, event), e.clock()).put("breachedAt", at(event)));
    }

    @Override
    public ComplaintProjection writingTo(ReadModelTarget target) {
        return new ComplaintProjection(target.database(), consumer, sla);
    }

    @KafkaListener(id = NAME, batch = "true", topics = Topics.COMPLAINT,
            groupId = "${servicedesk.projections.complaint.group:" + NAME + "}",
            concurrency = "${servicedesk.projections.complaint.concurrency:1}")
    public void on(List<ConsumerRecord<String, byte[]>> records) {
        consumer.consume(NAME, records, this);
    }

    @Override
    protected void changing(ReadModelBatch batch, Document complaint, PublishedEvent event) {
        complaint.put("status", ComplaintStatus.valueOf(complaint.getString("status")).after(event.payload()).name());
    }

    private void acknowledged(ReadModelBatch batch, ComplaintAcknowledgedEvent e, PublishedEvent event) {
        Document complaint = change(batch, event);
        complaint.put("acknowledgement", new Document("note", e.note()).append("at", at(event)).append("by", event.actor()));
        stop(complaint, "acknowledge", event.occurredAt());
    }

    private void classified(ReadModelBatch batch, ComplaintClassifiedEvent e, PublishedEvent event) {
        Document complaint = change(batch, event);
        complaint.put("category", e.category().name());
        complaint.put("severity", e.severity().name());
    }

    private void fieldServiceRequested(ReadModelBatch batch, FieldServiceRequestedEvent e, PublishedEvent event) {
        Document complaint = change(batch, event);
        Document clocks = complaint.get("sla", Document.class);
        if (clocks.get("onSite") == null) {
            clocks.put("onSite", clock(complaint.getDate("receivedAt").toInstant(), e.onSiteDueAt()));
        }
        Documents.list(complaint, "fieldServiceRequests").add(new Document("requestId", e.requestId()).append("reason", e.reason())
                .append("requestedAt", at(event)).append("onSiteDueAt", Date.from(e.onSiteDueAt())));
    }

    private void fieldServiceLinked(ReadModelBatch batch, FieldServiceLinkedEvent e, PublishedEvent event) {
        Document complaint = change(batch, event);
        List<String> orders = complaint.getList("serviceOrderIds", String.class);
        if (!orders.contains(e.serviceOrderId())) {
            orders.add(e.serviceOrderId());
        }
        request(complaint, e.requestId()).put("serviceOrderId", e.serviceOrderId());
    }

    private void arrivalRecorded(ReadModelBatch batch, FieldServiceArrivalRecordedEvent e, PublishedEvent event) {
        Document complaint = change(batch, event);
        request(complaint, e.requestId()).put("arrivedAt", Date.from(e.arrivedAt()));
        // the clock stops when the technician arrived, not when we heard of it
        stop(complaint, "onSite", e.arrivedAt());
    }

    private void fieldServiceFinished(ReadModelBatch batch, FieldServiceFinishedEvent e, PublishedEvent event) {
        request(change(batch, event), e.requestId()).append("finishedAt", at(event)).append("cancelled", e.cancelled())
                .append("result", e.result() == null ? null : e.result().name());
    }

    private void replied(ReadModelBatch batch, ComplaintRepliedEvent e, PublishedEvent event) {
        Document complaint = change(batch, event);
        complaint.put("reply", new Document("method", e.method().name()).append("message", e.message()).append("at", at(event))
                .append("by", event.actor()));
        stop(complaint, "reply", event.occurredAt());
    }

    private void returnRecorded(ReadModelBatch batch, ProductReturnRecordedEvent e, PublishedEvent event) {
        Documents.list(change(batch, event), "returns").add(new Document("returnId", e.returnId()).append("quantity", e.quantity())
                .append("reason", e.reason()).append("recordedAt", at(event)));
    }

    private void closed(ReadModelBatch batch, ComplaintClosedEvent e, PublishedEvent event) {
        Document complaint = change(batch, event);
        complaint.put("closure", new Document("resolutionSummary", e.resolutionSummary()).append("at", at(event)).append("by", event.actor()));
        CLOCKS.forEach(name -> stop(complaint, name, event.occurredAt()));
    }

    private void rejected(ReadModelBatch batch, ComplaintRejectedEvent e, PublishedEvent event) {
        Document complaint = change(batch, event);
        complaint.put("rejection", new Document("reason", e.reason()).append("at", at(event)).append("by", event.actor()));
        // the rejection notice is the customer's answer: running clocks stop with it
        CLOCKS.forEach(name -> stop(complaint, name, event.occurredAt()));
    }

    private static Date at(PublishedEvent event) {
        return Date.from(event.occurredAt());
    }

    private Document registered(ComplaintRegisteredEvent e, PublishedEvent event) {
        Document contact = new Document("name", e.contact().name())
                .append("phone", e.contact().phone())
                .append("email", e.contact().email());
        Document clocks = new Document("acknowledge", clock(e.receivedAt(), e.acknowledgeDueAt()))
                .append("reply", clock(e.receivedAt(), e.replyDueAt()))
                .append("onSite", null);
        return new Document("complaintId", e.complaintId())
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
                .append("sla", clocks)
                .append("verification", null)
                .append("serviceOrderIds", new ArrayList<>())
                .append("fieldServiceRequests", new ArrayList<>())
                .append("returns", new ArrayList<>());
    }

    private Document clock(Instant startedAt, Instant dueAt) {
        return new Document("dueAt", Date.from(dueAt))
                .append("atRiskAt", Date.from(sla.atRiskFrom(startedAt, dueAt)))
                .append("metAt", null)
                .append("outcome", null);
    }

    /** A running clock stops: MET by its deadline, MET_LATE after it. A stopped clock stays as it was. */
    private static void stop(Document complaint, String name, Instant at) {
        Document clock = complaint.get("sla", Document.class).get(name, Document.class);
        if (clock == null || clock.get("outcome") != null) {
            return;
        }
        clock.put("metAt", Date.from(at));
        clock.put("outcome", ClockState.stopped(at, clock.getDate("dueAt").toInstant()).name());
    }

    private static Document clockOf(Document complaint, SlaClock clock) {
        String name = switch (clock) {
            case ACKNOWLEDGE -> "acknowledge";
            case REPLY -> "reply";
            case ON_SITE -> "onSite";
        };
        return complaint.get("sla", Document.class).get(name, Document.class);
    }

    private static void verification(Document complaint, boolean responsible, String category, String findings, PublishedEvent event) {
        complaint.put("verification", new Document("companyResponsible", responsible).append("confirmedCategory", category)
                .append("findings", findings).append("at", at(event)).append("by", event.actor()));
    }

    private static Document request(Document complaint, String requestId) {
        return Documents.list(complaint, "fieldServiceRequests").stream().filter(r -> requestId.equals(r.getString("requestId")))
                .findFirst().orElseThrow(() -> new IllegalStateException(
                        "complaint " + complaint.getString("_id") + " has no field-service request " + requestId));
    }
}

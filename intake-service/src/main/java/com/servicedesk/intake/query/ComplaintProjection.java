package com.servicedesk.intake.query;

import java.util.function.Consumer;
import com.servicedesk.platform.projection.ReadModelTarget;
import com.servicedesk.platform.projection.RebuildableProjection;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
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
import org.apache.kafka.clients.consumer.ConsumerRecord;
import com.servicedesk.platform.deadline.ClockState;
import com.servicedesk.platform.mongo.Documents;
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
public class ComplaintProjection extends RebuildableProjection {
    public static final String NAME = "intake-complaint-projection";
    public static final String COLLECTION = "complaints";
    static final List<String> CLOCKS = List.of("acknowledge", "reply", "onSite");

    private final MongoCollection<Document> complaints;
    private final IdempotentConsumer consumer;
    private final SlaPolicy sla;

    public ComplaintProjection(MongoDatabase readModelDatabase, IdempotentConsumer consumer, SlaPolicy sla) {
        super(NAME, List.of(COLLECTION));
        this.complaints = readModelDatabase.getCollection(COLLECTION);
        this.consumer = consumer;
        this.sla = sla;
    }

    @Override
    public Consumer<PublishedEvent> writingTo(ReadModelTarget target) {
        return new ComplaintProjection(target.database(), consumer, sla)::project;
    }

    @KafkaListener(id = NAME, topics = Topics.COMPLAINT,
            groupId = "${servicedesk.projections.complaint.group:" + NAME + "}",
            concurrency = "${servicedesk.projections.complaint.concurrency:1}")
    public void on(ConsumerRecord<String, byte[]> record) {
        consumer.consume(NAME, record, this::project);
    }

    void project(PublishedEvent event) {
        Object payload = event.payload();
        if (payload instanceof ComplaintRegisteredEvent registered) {
            save(registered(registered, event), event);
            return;
        }
        Document complaint = complaints.find(Filters.eq("_id", event.aggregateId())).first();
        if (complaint == null) {
            throw new IllegalStateException("complaint " + event.aggregateId() + " has no registration before " + event.type());
        }
        Date at = Date.from(event.occurredAt());
        complaint.put("status", ComplaintStatus.valueOf(complaint.getString("status")).after(payload).name());
        if (payload instanceof ComplaintAcknowledgedEvent e) {
            complaint.put("acknowledgement", new Document("note", e.note()).append("at", at).append("by", event.actor()));
            stop(complaint, "acknowledge", event.occurredAt());
        } else if (payload instanceof ComplaintClassifiedEvent e) {
            complaint.put("category", e.category().name());
            complaint.put("severity", e.severity().name());
        } else if (payload instanceof FieldServiceRequestedEvent e) {
            Document clocks = complaint.get("sla", Document.class);
            if (clocks.get("onSite") == null) {
                clocks.put("onSite", clock(complaint.getDate("receivedAt").toInstant(), e.onSiteDueAt()));
            }
            Documents.list(complaint, "fieldServiceRequests").add(new Document("requestId", e.requestId()).append("reason", e.reason())
                    .append("requestedAt", at).append("onSiteDueAt", Date.from(e.onSiteDueAt())));
        } else if (payload instanceof FieldServiceLinkedEvent e) {
            @SuppressWarnings("unchecked")
            List<String> orders = (List<String>) complaint.get("serviceOrderIds");
            if (!orders.contains(e.serviceOrderId())) {
                orders.add(e.serviceOrderId());
            }
            request(complaint, e.requestId()).put("serviceOrderId", e.serviceOrderId());
        } else if (payload instanceof FieldServiceArrivalRecordedEvent e) {
            request(complaint, e.requestId()).put("arrivedAt", Date.from(e.arrivedAt()));
            // the clock stops when the technician arrived, not when we heard of it
            stop(complaint, "onSite", e.arrivedAt());
        } else if (payload instanceof FieldServiceFinishedEvent e) {
            request(complaint, e.requestId()).append("finishedAt", at).append("cancelled", e.cancelled())
                    .append("result", e.result() == null ? null : e.result().name());
        } else if (payload instanceof ComplaintVerifiedEvent e) {
            verification(complaint, e.companyResponsible(), e.confirmedCategory().name(), e.findings(), at, event.actor());
        } else if (payload instanceof ComplaintVerificationChangedEvent e) {
            verification(complaint, e.companyResponsible(), e.confirmedCategory().name(), e.findings(), at, event.actor());
        } else if (payload instanceof ComplaintRepliedEvent e) {
            complaint.put("reply", new Document("method", e.method().name()).append("message", e.message()).append("at", at)
                    .append("by", event.actor()));
            stop(complaint, "reply", event.occurredAt());
        } else if (payload instanceof ProductReturnRecordedEvent e) {
            Documents.list(complaint, "returns").add(new Document("returnId", e.returnId()).append("quantity", e.quantity())
                    .append("reason", e.reason()).append("recordedAt", at));
        } else if (payload instanceof ComplaintClosedEvent e) {
            complaint.put("closure", new Document("resolutionSummary", e.resolutionSummary()).append("at", at).append("by", event.actor()));
            CLOCKS.forEach(name -> stop(complaint, name, event.occurredAt()));
        } else if (payload instanceof ComplaintRejectedEvent e) {
            complaint.put("rejection", new Document("reason", e.reason()).append("at", at).append("by", event.actor()));
            // the rejection notice is the customer's answer: running clocks stop with it
            CLOCKS.forEach(name -> stop(complaint, name, event.occurredAt()));
        } else if (payload instanceof ComplaintReopenedEvent e) {
            Documents.list(complaint, "reopenings").add(new Document("reason", e.reason()).append("at", at).append("by", event.actor()));
        } else if (payload instanceof SlaAtRiskEvent e) {
            clockOf(complaint, e.clock()).put("atRiskRaisedAt", at);
        } else if (payload instanceof SlaBreachedEvent e) {
            clockOf(complaint, e.clock()).put("breachedAt", at);
        } else {
            return;
        }
        save(complaint, event);
    }

    private void save(Document complaint, PublishedEvent event) {
        complaint.put("version", event.sequence());
        complaints.replaceOne(Filters.eq("_id", event.aggregateId()), complaint, new ReplaceOptions().upsert(true));
    }

    private Document registered(ComplaintRegisteredEvent e, PublishedEvent event) {
        Document contact = new Document("name", e.contact().name())
                .append("phone", e.contact().phone())
                .append("email", e.contact().email());
        Document clocks = new Document("acknowledge", clock(e.receivedAt(), e.acknowledgeDueAt()))
                .append("reply", clock(e.receivedAt(), e.replyDueAt()))
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

    private static void verification(Document complaint, boolean responsible, String category, String findings, Date at, String actor) {
        complaint.put("verification", new Document("companyResponsible", responsible).append("confirmedCategory", category)
                .append("findings", findings).append("at", at).append("by", actor));
    }

    private static Document request(Document complaint, String requestId) {
        return Documents.list(complaint, "fieldServiceRequests").stream().filter(r -> requestId.equals(r.getString("requestId")))
                .findFirst().orElseThrow(() -> new IllegalStateException(
                        "complaint " + complaint.getString("_id") + " has no field-service request " + requestId));
    }
}

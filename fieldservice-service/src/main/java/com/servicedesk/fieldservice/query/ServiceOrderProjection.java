package com.servicedesk.fieldservice.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateManyModel;
import com.mongodb.client.model.UpdateOneModel;
import com.servicedesk.platform.mongo.ReadModelBatch;
import com.servicedesk.platform.projection.AggregateDocumentProjection;
import com.servicedesk.platform.projection.ReadModelTarget;
import com.servicedesk.events.Topics;
import com.servicedesk.events.fieldservice.FaultVerifiedEvent;
import com.servicedesk.events.fieldservice.ServiceOrderCancelledEvent;
import com.servicedesk.events.fieldservice.ServiceOrderCompletedEvent;
import com.servicedesk.events.fieldservice.ServiceOrderOpenedEvent;
import com.servicedesk.events.fieldservice.ServiceOrderSignedOffEvent;
import com.servicedesk.events.fieldservice.ServiceOrderStatus;
import com.servicedesk.events.fieldservice.ServiceReportAtRiskEvent;
import com.servicedesk.events.fieldservice.ServiceReportOverdueEvent;
import com.servicedesk.events.fieldservice.ServiceReportSubmittedEvent;
import com.servicedesk.events.fieldservice.SparePartRequestedEvent;
import com.servicedesk.events.fieldservice.SparePartShippedEvent;
import com.servicedesk.events.fieldservice.TechnicianArrivedEvent;
import com.servicedesk.events.fieldservice.TechnicianAssignedEvent;
import com.servicedesk.events.fieldservice.TechnicianDispatchedEvent;
import com.servicedesk.events.intake.Severity;
import com.servicedesk.fieldservice.command.FieldServicePolicy;
import com.servicedesk.platform.consumer.IdempotentConsumer;
import com.servicedesk.platform.consumer.PublishedEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import com.servicedesk.platform.mongo.Documents;
import org.bson.Document;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Field service's read models, fed from the service-order topic:
 * <ul>
 *   <li>{@code service_orders}: one document per order with its whole story (assignments, dispatch, arrival, fault
 *       verification and billing, parts, completion, sign-off, report clock, cancellation) and the sequence it reflects
 *       ({@code version}). {@code priority} is 1 (EMERGENCY) to 4 (LOW); {@code visitNumber} is the order's rank among
 *       its complaint's orders (1 = first visit).</li>
 *   <li>{@code spare_parts}: one document per part request, with the order's customer and product copied in: the
 *       warranty spare-parts ledger and the reissue notices are queries on it.</li>
 * </ul>
 * Every write replaces or sets whole values computed from the event, so applying an event twice leaves the same state.
 */
@Component
public class ServiceOrderProjection extends AggregateDocumentProjection {
    public static final String NAME = "fieldservice-service-order-projection";
    public static final String ORDERS = "service_orders";
    public static final String PARTS = "spare_parts";

    private final MongoCollection<Document> orders;
    private final MongoCollection<Document> parts;
    private final IdempotentConsumer consumer;
    private final FieldServicePolicy policy;

    public ServiceOrderProjection(MongoDatabase readModelDatabase, IdempotentConsumer consumer, FieldServicePolicy policy) {
        super(NAME, readModelDatabase, ORDERS, "service order", List.of(PARTS), List.of());
        this.orders = readModelDatabase.getCollection(ORDERS);
        this.parts = readModelDatabase.getCollection(PARTS);
        this.consumer = consumer;
        this.policy = policy;
        // the usual questions: the queue, a complaint's orders, a technician's orders, the ledgers by date
        orders.createIndex(Indexes.ascending("status", "priority", "onSiteDueAt", "openedAt"));
        orders.createIndex(Indexes.ascending("complaintId"));
        orders.createIndex(Indexes.ascending("technicianId", "status"));
        parts.createIndex(Indexes.ascending("billing", "requestedAt"));
        parts.createIndex(Indexes.ascending("status", "requestedAt"));
        router.on(ServiceOrderOpenedEvent.class, (batch, e, event) -> create(batch, event, opened(batch, e, event)))
                .on(TechnicianAssignedEvent.class, this::assigned)
                .on(TechnicianDispatchedEvent.class, (batch, e, event) -> change(batch, event).put("dispatch",
                        new Document("technicianId", e.technicianId()).append("taskBrief", e.taskBrief())
                                .append("at", at(event)).append("by", event.actor())))
                .on(TechnicianArrivedEvent.class, (batch, e, event) -> change(batch, event).put("arrival",
                        new Document("arrivedAt", Date.from(e.arrivedAt())).append("onTime", e.onTime())
                                .append("recordedAt", at(event)).append("by", event.actor())))
                .on(FaultVerifiedEvent.class, this::faultVerified)
                .on(SparePartRequestedEvent.class, this::partRequested)
                .on(SparePartShippedEvent.class, this::partShipped)
                .on(ServiceOrderCompletedEvent.class, this::completed)
                .on(ServiceOrderSignedOffEvent.class, (batch, e, event) -> change(batch, event).put("signOff",
                        new Document("signedBy", e.signedBy()).append("comments", e.comments()).append("at", at(event))
                                .append("recordedBy", event.actor())))
                .on(ServiceReportSubmittedEvent.class, (batch, e, event) -> change(batch, event).get("report", Document.class)
                        .append("summary", e.summary()).append("qualityFindings", e.qualityFindings())
                        .append("metAt", at(event)).append("late", e.late()).append("outcome", e.late() ? "MET_LATE" : "MET")
                        .append("by", event.actor()))
                .on(ServiceReportAtRiskEvent.class, (batch, e, event) ->
                        change(batch, event).get("report", Document.class).put("atRiskRaisedAt", at(event)))
                .on(ServiceReportOverdueEvent.class, (batch, e, event) ->
                        change(batch, event).get("report", Document.class).put("breachedAt", at(event)))
                .on(ServiceOrderCancelledEvent.class, this::cancelled);
    }

    @Override
    public ServiceOrderProjection writingTo(ReadModelTarget target) {
        return new ServiceOrderProjection(target.database(), consumer, policy);
    }

    @KafkaListener(id = NAME, batch = "true", topics = Topics.SERVICE_ORDER,
            groupId = "${servicedesk.projections.service-order.group:" + NAME + "}",
            concurrency = "${servicedesk.projections.service-order.concurrency:1}")
    public void on(List<ConsumerRecord<String, byte[]>> records) {
        consumer.consume(NAME, records, this);
    }

    @Override
    protected void changing(ReadModelBatch batch, Document order, PublishedEvent event) {
        order.put("status", ServiceOrderStatus.valueOf(order.getString("status")).after(event.payload()).name());
    }

    private void assigned(ReadModelBatch batch, TechnicianAssignedEvent e, PublishedEvent event) {
        Document order = change(batch, event);
        order.put("technicianId", e.technicianId());
        order.put("plannedVisitAt", Date.from(e.plannedVisitAt()));
        Documents.list(order, "assignments").add(new Document("technicianId", e.technicianId())
                .append("plannedVisitAt", Date.from(e.plannedVisitAt())).append("previousTechnicianId", e.previousTechnicianId())
                .append("at", at(event)).append("by", event.actor()));
    }

    private void faultVerified(ReadModelBatch batch, FaultVerifiedEvent e, PublishedEvent event) {
        Document order = change(batch, event);
        order.put("billing", e.billing().name());
        order.put("faultVerification", new Document("faultConfirmed", e.faultConfirmed())
                .append("description", e.description()).append("cause", e.cause().name())
                .append("witnessedBy", e.witnessedBy()).append("deliveryDate", text(e.deliveryDate()))
                .append("warrantyEndsOn", text(e.warrantyEndsOn())).append("billing", e.billing().name())
                .append("billingReason", e.billingReason()).append("at", at(event)).append("by", event.actor()));
    }

    private void partRequested(ReadModelBatch batch, SparePartRequestedEvent e, PublishedEvent event) {
        Document order = change(batch, event);
        Document part = new Document("partRequestId", e.partRequestId()).append("partNumber", e.partNumber())
                .append("quantity", e.quantity()).append("billing", e.billing().name())
                .append("requestedAt", at(event)).append("requestedBy", event.actor()).append("shipment", null);
        List<Document> orderParts = Documents.list(order, "parts");
        orderParts.removeIf(p -> e.partRequestId().equals(p.getString("partRequestId")));
        orderParts.add(part);
        batch.queue(PARTS, new ReplaceOneModel<>(Filters.eq("_id", e.partRequestId()), partDocument(order, part, e),
                new ReplaceOptions().upsert(true)));
    }

    private void partShipped(ReadModelBatch batch, SparePartShippedEvent e, PublishedEvent event) {
        Document order = change(batch, event);
        Document shipment = new Document("carrier", e.carrier()).append("trackingNumber", e.trackingNumber())
                .append("at", at(event)).append("by", event.actor());
        Documents.list(order, "parts").stream().filter(p -> e.partRequestId().equals(p.getString("partRequestId")))
                .forEach(p -> p.put("shipment", shipment));
        batch.queue(PARTS, new UpdateOneModel<>(Filters.eq("_id", e.partRequestId()), new Document("$set", new Document("status", "SHIPPED")
                .append("shippedAt", at(event)).append("carrier", e.carrier()).append("trackingNumber", e.trackingNumber())
                .append("shippedBy", event.actor()))));
    }

    private void completed(ReadModelBatch batch, ServiceOrderCompletedEvent e, PublishedEvent event) {
        Document order = change(batch, event);
        order.put("completion", new Document("workPerformed", e.workPerformed()).append("result", e.result().name())
                .append("at", Date.from(e.completedAt())).append("by", event.actor()));
        order.put("report", new Document("dueAt", Date.from(e.reportDueAt()))
                .append("atRiskAt", Date.from(policy.atRiskFrom(e.completedAt(), e.reportDueAt())))
                .append("metAt", null).append("outcome", null));
    }

    private void cancelled(ReadModelBatch batch, ServiceOrderCancelledEvent e, PublishedEvent event) {
        change(batch, event).put("cancellation", new Document("reason", e.reason()).append("at", at(event)).append("by", event.actor()));
        // parts not shipped yet will not be: their notices are void
        batch.queue(PARTS, new UpdateManyModel<>(Filters.and(Filters.eq("serviceOrderId", e.serviceOrderId()),
                Filters.eq("status", "REQUESTED")), new Document("$set", new Document("status", "VOID"))));
    }

    private static Date at(PublishedEvent event) {
        return Date.from(event.occurredAt());
    }

    private Document opened(ReadModelBatch batch, ServiceOrderOpenedEvent e, PublishedEvent event) {
        Date openedAt = Date.from(event.occurredAt());
        // earlier orders of the same complaint, stored or opened earlier in this batch; stable however often this
        // event is applied
        Set<Object> earlier = new HashSet<>();
        orders.find(Filters.and(Filters.eq("complaintId", e.complaintId()), Filters.lt("openedAt", openedAt),
                Filters.ne("_id", e.serviceOrderId()))).projection(Projections.include("_id")).forEach(o -> earlier.add(o.get("_id")));
        batch.saved(ORDERS).stream().filter(o -> e.complaintId().equals(o.getString("complaintId"))
                        && o.getDate("openedAt").before(openedAt) && !e.serviceOrderId().equals(o.get("_id")))
                .forEach(o -> earlier.add(o.get("_id")));
        return new Document("serviceOrderId", e.serviceOrderId())
                .append("complaintId", e.complaintId())
                .append("requestId", e.requestId())
                .append("reason", e.reason())
                .append("status", ServiceOrderStatus.OPEN.name())
                .append("severity", e.severity().name())
                .append("priority", priority(e.severity()))
                .append("customerId", e.customerId())
                .append("customerName", e.customerName())
                .append("contact", e.contact() == null ? null : new Document("name", e.contact().name())
                        .append("phone", e.contact().phone()).append("email", e.contact().email()))
                .append("productModel", e.productModel())
                .append("serialNumber", e.serialNumber())
                .append("deliveryDate", text(e.deliveryDate()))
                .append("region", e.region().name())
                .append("category", e.category() == null ? null : e.category().name())
                .append("receivedAt", Date.from(e.receivedAt()))
                .append("onSiteDueAt", Date.from(e.onSiteDueAt()))
                .append("openedAt", openedAt)
                .append("visitNumber", earlier.size() + 1L)
                .append("technicianId", null)
                .append("plannedVisitAt", null)
                .append("billing", null)
                .append("assignments", new ArrayList<>())
                .append("parts", new ArrayList<>());
    }

    private static Document partDocument(Document order, Document part, SparePartRequestedEvent e) {
        return new Document("_id", e.partRequestId())
                .append("partRequestId", e.partRequestId())
                .append("serviceOrderId", e.serviceOrderId())
                .append("complaintId", e.complaintId())
                .append("customerId", order.getString("customerId"))
                .append("customerName", order.getString("customerName"))
                .append("contact", order.get("contact"))
                .append("region", order.getString("region"))
                .append("productModel", order.getString("productModel"))
                .append("serialNumber", order.getString("serialNumber"))
                .append("cause", order.get("faultVerification", Document.class) == null ? null
                        : order.get("faultVerification", Document.class).getString("cause"))
                .append("partNumber", e.partNumber())
                .append("quantity", e.quantity())
                .append("billing", e.billing().name())
                .append("status", "REQUESTED")
                .append("requestedAt", part.getDate("requestedAt"))
                .append("requestedBy", part.getString("requestedBy"))
                .append("shippedAt", null)
                .append("carrier", null)
                .append("trackingNumber", null);
    }

    /** Queue priority: 1 for an emergency down to 4 for a low-severity fault. */
    static int priority(Severity severity) {
        return Severity.values().length - severity.ordinal();
    }

    private static String text(LocalDate date) {
        return date == null ? null : date.toString();
    }
}

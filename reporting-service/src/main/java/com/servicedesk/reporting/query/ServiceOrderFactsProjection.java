package com.servicedesk.reporting.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.servicedesk.events.Topics;
import com.servicedesk.events.fieldservice.FaultVerifiedEvent;
import com.servicedesk.events.fieldservice.FieldServiceEvents;
import com.servicedesk.events.fieldservice.ServiceOrderCancelledEvent;
import com.servicedesk.events.fieldservice.ServiceOrderCompletedEvent;
import com.servicedesk.events.fieldservice.ServiceOrderOpenedEvent;
import com.servicedesk.events.fieldservice.ServiceOrderSignedOffEvent;
import com.servicedesk.events.fieldservice.ServiceOrderStatus;
import com.servicedesk.events.fieldservice.ServiceReportSubmittedEvent;
import com.servicedesk.events.fieldservice.SparePartShippedEvent;
import com.servicedesk.events.fieldservice.TechnicianArrivedEvent;
import com.servicedesk.events.fieldservice.TechnicianAssignedEvent;
import com.servicedesk.platform.consumer.IdempotentConsumer;
import com.servicedesk.platform.consumer.PublishedEvent;
import com.servicedesk.platform.deadline.ClockState;
import com.servicedesk.platform.mongo.ReadModelBatch;
import com.servicedesk.platform.projection.AggregateDocumentProjection;
import com.servicedesk.platform.projection.ReadModelTarget;
import com.servicedesk.reporting.config.ReportingProperties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * The facts of each service order the yearly report needs ({@code report_service_orders}): region, whether it was the
 * complaint's first visit, arrival on time, warranty or paid, result, spare parts shipped, the report clock and the
 * customer's sign-off comments (a post-service rating, kept apart from the yearly survey).
 */
@Component
public class ServiceOrderFactsProjection extends AggregateDocumentProjection {
    public static final String NAME = "reporting-service-order-facts";
    public static final String COLLECTION = "report_service_orders";

    private final MongoCollection<Document> orders;
    private final IdempotentConsumer consumer;
    private final ReportingProperties properties;

    public ServiceOrderFactsProjection(MongoDatabase readModelDatabase, IdempotentConsumer consumer, ReportingProperties properties) {
        super(NAME, readModelDatabase, COLLECTION, "service order", List.of(YearlySummaries.SERVICE_ORDERS), List.of());
        this.orders = readModelDatabase.getCollection(COLLECTION);
        this.consumer = consumer;
        this.properties = properties;
        orders.createIndex(Indexes.ascending("complaintYear", "customerId"));
        orders.createIndex(Indexes.ascending("complaintId", "openedAt"));
        summarize(YearlySummaries.SERVICE_ORDERS, YearlySummaries::serviceOrder);
        router.on(ServiceOrderOpenedEvent.class, (batch, e, event) -> create(batch, event, opened(batch, e, event)))
                .on(TechnicianAssignedEvent.class, (batch, e, event) -> change(batch, event).put("technicianId", e.technicianId()))
                .on(TechnicianArrivedEvent.class, (batch, e, event) -> change(batch, event)
                        .append("arrivedAt", Date.from(e.arrivedAt())).append("arrivedOnTime", e.onTime()))
                .on(FaultVerifiedEvent.class, (batch, e, event) -> change(batch, event).append("billing", e.billing().name())
                        .append("cause", e.cause().name()).append("faultConfirmed", e.faultConfirmed()))
                .on(SparePartShippedEvent.class, (batch, e, event) -> {
                    Document order = change(batch, event);
                    order.put("sparePartsShipped", order.getInteger("sparePartsShipped") + e.quantity());
                })
                .on(ServiceOrderCompletedEvent.class, (batch, e, event) -> change(batch, event).append("result", e.result().name())
                        .append("completedAt", Date.from(e.completedAt()))
                        .append("report", new Document("startedAt", Date.from(e.completedAt())).append("dueAt", Date.from(e.reportDueAt()))
                                .append("atRiskAt", Date.from(ClockState.atRiskFrom(e.completedAt(), e.reportDueAt(), properties.atRiskFraction())))
                                .append("metAt", null).append("outcome", null)))
                .on(ServiceReportSubmittedEvent.class, (batch, e, event) -> {
                    Document report = change(batch, event).get("report", Document.class);
                    report.put("metAt", Date.from(event.occurredAt()));
                    report.put("outcome", ClockState.stopped(event.occurredAt(), report.getDate("dueAt").toInstant()).name());
                })
                .on(ServiceOrderSignedOffEvent.class, (batch, e, event) -> change(batch, event).put("signOffComments", e.comments()))
                .on(ServiceOrderCancelledEvent.class, (batch, e, event) -> change(batch, event).put("cancelled", true))
                // the others move the status only
                .onAnyOther(FieldServiceEvents.PUBLISHED, (batch, e, event) -> change(batch, event));
    }

    @Override
    public ServiceOrderFactsProjection writingTo(ReadModelTarget target) {
        return new ServiceOrderFactsProjection(target.database(), consumer, properties);
    }

    @KafkaListener(id = NAME, batch = "true", topics = Topics.SERVICE_ORDER,
            groupId = "${servicedesk.projections.service-order-facts.group:" + NAME + "}",
            concurrency = "${servicedesk.projections.service-order-facts.concurrency:1}")
    public void on(List<ConsumerRecord<String, byte[]>> records) {
        consumer.consume(NAME, records, this);
    }

    @Override
    protected void changing(ReadModelBatch batch, Document order, PublishedEvent event) {
        order.put("status", ServiceOrderStatus.valueOf(order.getString("status")).after(event.payload()).name());
    }

    private Document opened(ReadModelBatch batch, ServiceOrderOpenedEvent e, PublishedEvent event) {
        Instant at = event.occurredAt();
        // the complaint's first order is its first visit: the first-visit fix rate counts those (stored, or opened
        // earlier in this batch)
        boolean firstVisit = orders.find(Filters.and(Filters.eq("complaintId", e.complaintId()),
                Filters.ne("_id", e.serviceOrderId()))).projection(Projections.include("_id")).first() == null
                && batch.saved(COLLECTION).stream().noneMatch(o -> e.complaintId().equals(o.getString("complaintId"))
                && !e.serviceOrderId().equals(o.get("_id")));
        return new Document("complaintId", e.complaintId())
                .append("customerId", e.customerId())
                .append("region", e.region().name())
                .append("category", e.category().name())
                .append("severity", e.severity().name())
                .append("complaintReceivedAt", Date.from(e.receivedAt()))
                .append("complaintYear", e.receivedAt().atZone(properties.zone()).getYear())
                .append("openedAt", Date.from(at))
                .append("firstVisit", firstVisit)
                .append("status", ServiceOrderStatus.OPEN.name())
                .append("technicianId", null)
                .append("arrivedAt", null)
                .append("onSiteDueAt", Date.from(e.onSiteDueAt()))
                .append("arrivedOnTime", null)
                .append("billing", null)
                .append("cause", null)
                .append("faultConfirmed", null)
                .append("result", null)
                .append("completedAt", null)
                .append("sparePartsShipped", 0)
                .append("report", null)
                .append("signOffComments", null)
                .append("cancelled", false);
    }
}

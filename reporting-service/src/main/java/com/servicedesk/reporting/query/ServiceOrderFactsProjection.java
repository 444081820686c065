package com.servicedesk.reporting.query;

import java.util.function.Consumer;
import java.util.List;
import com.servicedesk.platform.projection.ReadModelTarget;
import com.servicedesk.platform.projection.RebuildableProjection;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.servicedesk.events.Topics;
import com.servicedesk.events.fieldservice.FaultVerifiedEvent;
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
import com.servicedesk.platform.mongo.Documents;
import com.servicedesk.reporting.config.ReportingProperties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Date;

/**
 * The facts of each service order the yearly report needs ({@code report_service_orders}): region, whether it was the
 * complaint's first visit, arrival on time, warranty or paid, result, spare parts shipped, the report clock and the
 * customer's sign-off comments (a post-service rating, kept apart from the yearly survey).
 */
@Component
public class ServiceOrderFactsProjection extends RebuildableProjection {
    public static final String NAME = "reporting-service-order-facts";
    public static final String COLLECTION = "report_service_orders";

    private final MongoCollection<Document> orders;
    private final IdempotentConsumer consumer;
    private final ReportingProperties properties;

    public ServiceOrderFactsProjection(MongoDatabase readModelDatabase, IdempotentConsumer consumer, ReportingProperties properties) {
        super(NAME, List.of(COLLECTION));
        this.orders = readModelDatabase.getCollection(COLLECTION);
        this.consumer = consumer;
        this.properties = properties;
        orders.createIndex(Indexes.ascending("complaintYear", "customerId"));
        orders.createIndex(Indexes.ascending("complaintId", "openedAt"));
    }

    @Override
    public Consumer<PublishedEvent> writingTo(ReadModelTarget target) {
        return new ServiceOrderFactsProjection(target.database(), consumer, properties)::project;
    }

    @KafkaListener(id = NAME, topics = Topics.SERVICE_ORDER,
            groupId = "${servicedesk.projections.service-order-facts.group:" + NAME + "}",
            concurrency = "${servicedesk.projections.service-order-facts.concurrency:1}")
    public void on(ConsumerRecord<String, byte[]> record) {
        consumer.consume(NAME, record, this::project);
    }

    void project(PublishedEvent event) {
        Documents.applyOnce(orders, event.aggregateId(), event.sequence(), before -> next(before, event));
    }

    private Document next(Document order, PublishedEvent event) {
        Object payload = event.payload();
        Instant at = event.occurredAt();
        if (payload instanceof ServiceOrderOpenedEvent) {
            ServiceOrderOpenedEvent e = (ServiceOrderOpenedEvent) payload;
            // the complaint's first order is its first visit: the first-visit fix rate counts those
            boolean firstVisit = orders.countDocuments(Filters.and(Filters.eq("complaintId", e.complaintId()),
                    Filters.ne("_id", e.serviceOrderId()))) == 0;
            order = new Document("_id", e.serviceOrderId())
                    .append("complaintId", e.complaintId())
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
        } else if (order == null) {
            throw new IllegalStateException("service order " + event.aggregateId() + " has no opening before " + event.type());
        } else {
            order.put("status", ServiceOrderStatus.valueOf(order.getString("status")).after(payload).name());
            apply(order, payload, at);
        }
        return order;
    }

    private void apply(Document order, Object payload, Instant at) {
        if (payload instanceof TechnicianAssignedEvent) {
            order.put("technicianId", ((TechnicianAssignedEvent) payload).technicianId());
        } else if (payload instanceof TechnicianArrivedEvent) {
            TechnicianArrivedEvent e = (TechnicianArrivedEvent) payload;
            order.put("arrivedAt", Date.from(e.arrivedAt()));
            order.put("arrivedOnTime", e.onTime());
        } else if (payload instanceof FaultVerifiedEvent) {
            FaultVerifiedEvent e = (FaultVerifiedEvent) payload;
            order.put("billing", e.billing().name());
            order.put("cause", e.cause().name());
            order.put("faultConfirmed", e.faultConfirmed());
        } else if (payload instanceof SparePartShippedEvent) {
            order.put("sparePartsShipped", order.getInteger("sparePartsShipped") + ((SparePartShippedEvent) payload).quantity());
        } else if (payload instanceof ServiceOrderCompletedEvent) {
            ServiceOrderCompletedEvent e = (ServiceOrderCompletedEvent) payload;
            order.put("result", e.result().name());
            order.put("completedAt", Date.from(e.completedAt()));
            order.put("report", new Document("startedAt", Date.from(e.completedAt())).append("dueAt", Date.from(e.reportDueAt()))
                    .append("atRiskAt", Date.from(ClockState.atRiskFrom(e.completedAt(), e.reportDueAt(), properties.atRiskFraction())))
                    .append("metAt", null).append("outcome", null));
        } else if (payload instanceof ServiceReportSubmittedEvent) {
            Document report = order.get("report", Document.class);
            report.put("metAt", Date.from(at));
            report.put("outcome", ClockState.stopped(at, report.getDate("dueAt").toInstant()).name());
        } else if (payload instanceof ServiceOrderSignedOffEvent) {
            order.put("signOffComments", ((ServiceOrderSignedOffEvent) payload).comments());
        } else if (payload instanceof ServiceOrderCancelledEvent) {
            order.put("cancelled", true);
        }
    }
}

package com.servicedesk.fieldservice.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.servicedesk.events.fieldservice.ServiceOrderStatus;
import com.servicedesk.platform.deadline.ClockState;
import com.servicedesk.platform.mongo.Documents;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads {@code service_orders} in the API's shape. The report clock's state is evaluated as of now, like intake's SLA
 * clocks: MET or MET_LATE once the report is in, else BREACHED after its due time, AT_RISK after its at-risk point,
 * ON_TRACK before.
 */
@Component
public class ServiceOrderQuery {
    /** Dispatch queue order (seed 001): severity (EMERGENCY first), earliest on-site deadline, then arrival order. */
    static final Bson QUEUE_ORDER = Sorts.orderBy(Sorts.ascending("priority"), Sorts.ascending("onSiteDueAt"),
            Sorts.ascending("openedAt"), Sorts.ascending("_id"));

    private final MongoCollection<Document> orders;
    private final Clock clock;

    public ServiceOrderQuery(MongoDatabase readModelDatabase, Clock clock) {
        this.orders = readModelDatabase.getCollection(ServiceOrderProjection.ORDERS);
        this.clock = clock;
    }

    public Optional<Map<String, Object>> byId(String serviceOrderId) {
        Instant now = clock.instant();
        return Optional.ofNullable(orders.find(Filters.eq("_id", serviceOrderId)).first()).map(d -> view(d, now));
    }

    /** Newest first. */
    public Map<String, Object> list(String complaintId, ServiceOrderStatus status, String technicianId, int page, int size) {
        List<Bson> filters = new ArrayList<>();
        if (complaintId != null && !complaintId.isBlank()) {
            filters.add(Filters.eq("complaintId", complaintId));
        }
        if (status != null) {
            filters.add(Filters.eq("status", status.name()));
        }
        if (technicianId != null && !technicianId.isBlank()) {
            filters.add(Filters.eq("technicianId", technicianId));
        }
        Bson filter = filters.isEmpty() ? new Document() : Filters.and(filters);
        return page(filter, Sorts.descending("openedAt"), page, size);
    }

    /** Open orders nobody is on the way to yet (OPEN or ASSIGNED), in queue order; {@code position} is 1-based. */
    public Map<String, Object> dispatchQueue(int page, int size) {
        Map<String, Object> result = page(Filters.in("status", ServiceOrderStatus.OPEN.name(), ServiceOrderStatus.ASSIGNED.name()),
                QUEUE_ORDER, page, size);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> content = (List<Map<String, Object>>) result.get("content");
        for (int i = 0; i < content.size(); i++) {
            content.get(i).put("position", page * size + i + 1);
        }
        return result;
    }

    private Map<String, Object> page(Bson filter, Bson sort, int page, int size) {
        Instant now = clock.instant();
        List<Map<String, Object>> content = new ArrayList<>();
        orders.find(filter).sort(sort).skip(page * size).limit(size).forEach(d -> content.add(view(d, now)));
        return Documents.page(content, page, size, orders.countDocuments(filter));
    }

    private static Map<String, Object> view(Document document, Instant now) {
        Map<String, Object> view = Documents.view(document);
        Document report = document.get("report", Document.class);
        if (report != null && !ServiceOrderStatus.CANCELLED.name().equals(document.getString("status"))) {
            @SuppressWarnings("unchecked")
            Map<String, Object> reportView = (Map<String, Object>) view.get("report");
            reportView.put("state", ClockState.of(report.getString("outcome"), report.getDate("dueAt").toInstant(),
                    report.getDate("atRiskAt").toInstant(), now));
        }
        return view;
    }
}

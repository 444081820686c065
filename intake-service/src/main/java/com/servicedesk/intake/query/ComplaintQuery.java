package com.servicedesk.intake.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.servicedesk.events.intake.ComplaintCategory;
import com.servicedesk.events.intake.ComplaintStatus;
import com.servicedesk.events.intake.Region;
import com.servicedesk.intake.config.SlaProperties;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the {@code complaints} read model and answers in the API's shape, clocks evaluated as of now. */
@Component
public class ComplaintQuery {
    private final MongoCollection<Document> complaints;
    private final SlaProperties sla;
    private final Clock clock;

    public ComplaintQuery(MongoDatabase readModelDatabase, SlaProperties sla, Clock clock) {
        this.complaints = readModelDatabase.getCollection(ComplaintProjection.COLLECTION);
        this.sla = sla;
        this.clock = clock;
    }

    public Optional<Map<String, Object>> byId(String complaintId) {
        return Optional.ofNullable(complaints.find(Filters.eq("_id", complaintId)).first()).map(this::view);
    }

    public Map<String, Object> list(ComplaintStatus status, Region region, ComplaintCategory category, String customerId,
                                    int page, int size) {
        List<Bson> filters = new ArrayList<>();
        if (status != null) {
            filters.add(Filters.eq("status", status.name()));
        }
        if (region != null) {
            filters.add(Filters.eq("region", region.name()));
        }
        if (category != null) {
            filters.add(Filters.eq("category", category.name()));
        }
        if (customerId != null && !customerId.isBlank()) {
            filters.add(Filters.eq("customerId", customerId));
        }
        Bson filter = filters.isEmpty() ? new Document() : Filters.and(filters);
        List<Map<String, Object>> content = new ArrayList<>();
        complaints.find(filter).sort(Sorts.descending("receivedAt")).skip(page * size).limit(size)
                .forEach(document -> content.add(view(document)));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("content", content);
        result.put("page", page);
        result.put("size", size);
        result.put("totalElements", complaints.countDocuments(filter));
        return result;
    }

    private Map<String, Object> view(Document document) {
        Map<String, Object> view = new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : document.entrySet()) {
            if (!entry.getKey().equals("_id")) {
                view.put(entry.getKey(), plain(entry.getValue()));
            }
        }
        Instant receivedAt = document.getDate("receivedAt").toInstant();
        Map<String, Object> clocks = new LinkedHashMap<>();
        Document slaDocument = document.get("sla", Document.class);
        for (String name : List.of("acknowledge", "reply", "onSite")) {
            Document clockDocument = slaDocument.get(name, Document.class);
            clocks.put(name, clockDocument == null ? null : clockView(receivedAt, clockDocument));
        }
        view.put("sla", clocks);
        return view;
    }

    private Map<String, Object> clockView(Instant startedAt, Document clockDocument) {
        Instant dueAt = clockDocument.getDate("dueAt").toInstant();
        Date met = clockDocument.getDate("metAt");
        Instant metAt = met == null ? null : met.toInstant();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("dueAt", dueAt);
        view.put("state", state(startedAt, dueAt, metAt, clock.instant()));
        view.put("metAt", metAt);
        return view;
    }

    /** ON_TRACK, AT_RISK once the configured share of the allowed time is used, BREACHED after it; MET / MET_LATE once stopped. */
    String state(Instant startedAt, Instant dueAt, Instant metAt, Instant now) {
        if (metAt != null) {
            return metAt.isAfter(dueAt) ? "MET_LATE" : "MET";
        }
        if (now.isAfter(dueAt)) {
            return "BREACHED";
        }
        Duration allowed = Duration.between(startedAt, dueAt);
        Instant atRiskFrom = startedAt.plusMillis((long) (allowed.toMillis() * sla.atRiskFraction()));
        return now.isBefore(atRiskFrom) ? "ON_TRACK" : "AT_RISK";
    }

    private static Object plain(Object value) {
        if (value instanceof Date date) {
            return date.toInstant();
        }
        if (value instanceof Document nested) {
            Map<String, Object> map = new LinkedHashMap<>();
            nested.forEach((key, inner) -> map.put(key, plain(inner)));
            return map;
        }
        return value;
    }
}

package com.servicedesk.reporting.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.servicedesk.events.intake.ComplaintCategory;
import com.servicedesk.events.intake.ComplaintStatus;
import com.servicedesk.events.intake.Region;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The complaint counts of the SLA dashboard, per status, with the region/category filters of API.md. */
@Component
public class SlaDashboardQuery {
    private final MongoCollection<Document> complaints;

    public SlaDashboardQuery(MongoDatabase readModelDatabase) {
        this.complaints = readModelDatabase.getCollection(ComplaintStatusProjection.COLLECTION);
    }

    public Map<String, Object> dashboard(Instant asOf, Region region, ComplaintCategory category) {
        List<Bson> filters = new ArrayList<>();
        if (region != null) {
            filters.add(Filters.eq("region", region.name()));
        }
        if (category != null) {
            filters.add(Filters.eq("category", category.name()));
        }
        Map<String, Long> byStatus = new LinkedHashMap<>();
        long registered = 0;
        long open = 0;
        for (ComplaintStatus status : ComplaintStatus.values()) {
            List<Bson> withStatus = new ArrayList<>(filters);
            withStatus.add(Filters.eq("status", status.name()));
            long count = complaints.countDocuments(Filters.and(withStatus));
            byStatus.put(status.name(), count);
            registered += count;
            if (status.isOpen()) {
                open += count;
            }
        }
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("registered", registered);
        counts.put("open", open);
        counts.put("closed", byStatus.get(ComplaintStatus.CLOSED.name()));
        counts.put("byStatus", byStatus);
        Map<String, Object> dashboard = new LinkedHashMap<>();
        dashboard.put("asOf", asOf);
        dashboard.put("complaints", counts);
        return dashboard;
    }
}

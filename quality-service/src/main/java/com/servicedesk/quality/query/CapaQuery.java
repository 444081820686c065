package com.servicedesk.quality.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.servicedesk.events.quality.CapaSource;
import com.servicedesk.events.quality.CapaStatus;
import com.servicedesk.platform.mongo.Documents;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads {@code capas}: one CAPA, lists by status, source and action owner, and the actions overdue now. */
@Component
public class CapaQuery {
    private final MongoCollection<Document> capas;
    private final Clock clock;

    public CapaQuery(MongoDatabase readModelDatabase, Clock clock) {
        this.capas = readModelDatabase.getCollection(CapaProjection.COLLECTION);
        this.clock = clock;
    }

    public Optional<Map<String, Object>> byId(String capaId) {
        return Optional.ofNullable(capas.find(Filters.eq("_id", capaId)).first()).map(Documents::view);
    }

    /** Newest first. */
    public Map<String, Object> list(CapaStatus status, CapaSource source, String owner, int page, int size) {
        List<Bson> filters = new ArrayList<>();
        if (status != null) {
            filters.add(Filters.eq("status", status.name()));
        }
        if (source != null) {
            filters.add(Filters.eq("source", source.name()));
        }
        if (owner != null && !owner.isBlank()) {
            filters.add(Filters.eq("owners", owner));
        }
        Bson filter = filters.isEmpty() ? new Document() : Filters.and(filters);
        List<Map<String, Object>> content = new ArrayList<>();
        capas.find(filter).sort(Sorts.descending("openedAt")).skip(page * size).limit(size)
                .forEach(d -> content.add(Documents.view(d)));
        return Documents.page(content, page, size, capas.countDocuments(filter));
    }

    /**
     * Open actions of unfinished CAPAs whose due time has passed, most overdue first, whether or not the watch has
     * raised its event yet ({@code overdueAt} says when it did).
     */
    public List<Map<String, Object>> overdueActions(String owner) {
        Date now = Date.from(clock.instant());
        List<Map<String, Object>> overdue = new ArrayList<>();
        Bson filter = Filters.and(Filters.in("status", CapaStatus.OPEN.name(), CapaStatus.IN_PROGRESS.name()),
                Filters.elemMatch("actions", Filters.and(Filters.eq("completedAt", null), Filters.lt("dueAt", now))));
        for (Document capa : capas.find(filter).batchSize(Documents.READ_BATCH)) {
            for (Document action : Documents.list(capa, "actions")) {
                if (action.get("completedAt") == null && action.getDate("dueAt").before(now)
                        && (owner == null || owner.isBlank() || owner.equals(action.getString("owner")))) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("capaId", capa.getString("capaId"));
                    row.put("complaintId", capa.getString("complaintId"));
                    row.put("problemStatement", capa.getString("problemStatement"));
                    row.putAll(Documents.view(action));
                    overdue.add(row);
                }
            }
        }
        overdue.sort(Comparator.comparing(row -> (java.time.Instant) row.get("dueAt")));
        return overdue;
    }
}

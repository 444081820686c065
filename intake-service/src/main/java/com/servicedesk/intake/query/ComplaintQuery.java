package com.servicedesk.intake.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.servicedesk.events.intake.ComplaintCategory;
import com.servicedesk.events.intake.ComplaintStatus;
import com.servicedesk.events.intake.Region;
import com.servicedesk.platform.deadline.ClockState;
import com.servicedesk.platform.mongo.Documents;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the {@code complaints} read model and answers in the API's shape, each clock's state evaluated as of now:
 * the stopped ones by their outcome (MET, MET_LATE), the running ones BREACHED after {@code dueAt}, AT_RISK after
 * {@code atRiskAt}, else ON_TRACK.
 */
@Component
public class ComplaintQuery {
    private final MongoCollection<Document> complaints;
    private final MongoCollection<Document> capaLinks;
    private final Clock clock;

    public ComplaintQuery(MongoDatabase readModelDatabase, Clock clock) {
        this.complaints = readModelDatabase.getCollection(ComplaintProjection.COLLECTION);
        this.capaLinks = readModelDatabase.getCollection(ComplaintCapaLinkProjection.COLLECTION);
        this.clock = clock;
    }

    public Optional<Map<String, Object>> byId(String complaintId) {
        Instant now = clock.instant();
        return Optional.ofNullable(complaints.find(Filters.eq("_id", complaintId)).first())
                .map(d -> withCapas(List.of(view(d, now))).get(0));
    }

    /** Newest receipt first; {@code slaState} matches a complaint if any of its clocks is in that state now. */
    public Map<String, Object> list(ComplaintStatus status, Region region, ComplaintCategory category, String customerId,
                                    ClockState slaState, int page, int size) {
        Instant now = clock.instant();
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
        if (slaState != null) {
            filters.add(Filters.or(ComplaintProjection.CLOCKS.stream().map(name -> inState("sla." + name, slaState, now)).toList()));
        }
        Bson filter = filters.isEmpty() ? new Document() : Filters.and(filters);
        List<Map<String, Object>> content = new ArrayList<>();
        complaints.find(filter).sort(Sorts.descending("receivedAt")).skip(page * size).limit(size)
                .forEach(document -> content.add(view(document, now)));
        return Documents.page(withCapas(content), page, size, complaints.countDocuments(filter));
    }

    /** {@code capaIds[]} of each complaint, oldest CAPA first, in one query for the whole page. */
    private List<Map<String, Object>> withCapas(List<Map<String, Object>> views) {
        Map<Object, List<String>> capas = new LinkedHashMap<>();
        views.forEach(view -> capas.put(view.get("complaintId"), new ArrayList<>()));
        capaLinks.find(Filters.in("complaintId", capas.keySet())).sort(Sorts.ascending("openedAt", "_id"))
                .forEach(link -> capas.get(link.getString("complaintId")).add(link.getString("_id")));
        views.forEach(view -> view.put("capaIds", capas.get(view.get("complaintId"))));
        return views;
    }

    private static Bson inState(String clock, ClockState state, Instant now) {
        Date at = Date.from(now);
        return switch (state) {
            case MET, MET_LATE -> Filters.eq(clock + ".outcome", state.name());
            case BREACHED -> Filters.and(Filters.eq(clock + ".outcome", null), Filters.lt(clock + ".dueAt", at));
            case AT_RISK -> Filters.and(Filters.eq(clock + ".outcome", null), Filters.gte(clock + ".dueAt", at),
                    Filters.lte(clock + ".atRiskAt", at));
            case ON_TRACK -> Filters.and(Filters.eq(clock + ".outcome", null), Filters.gt(clock + ".atRiskAt", at));
        };
    }

    static ClockState state(Document clock, Instant now) {
        return ClockState.of(clock.getString("outcome"), clock.getDate("dueAt").toInstant(),
                clock.getDate("atRiskAt").toInstant(), now);
    }

    private static Map<String, Object> view(Document document, Instant now) {
        Map<String, Object> view = Documents.view(document);
        Map<String, Object> clocks = new LinkedHashMap<>();
        Document sla = document.get("sla", Document.class);
        for (String name : ComplaintProjection.CLOCKS) {
            Document clockDocument = sla.get(name, Document.class);
            if (clockDocument == null) {
                clocks.put(name, null);
                continue;
            }
            Map<String, Object> clockView = new LinkedHashMap<>();
            clockView.put("dueAt", clockDocument.getDate("dueAt").toInstant());
            clockView.put("state", state(clockDocument, now));
            clockView.put("metAt", Documents.plain(clockDocument.get("metAt")));
            clockView.put("atRiskAt", clockDocument.getDate("atRiskAt").toInstant());
            clockView.put("breachedAt", Documents.plain(clockDocument.get("breachedAt")));
            clocks.put(name, clockView);
        }
        view.put("sla", clocks);
        return view;
    }
}

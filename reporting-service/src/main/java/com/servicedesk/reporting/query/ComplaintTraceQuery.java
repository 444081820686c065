package com.servicedesk.reporting.query;

import com.servicedesk.platform.web.NotFoundException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One complaint's story across every service (API.md {@code GET /audit/complaints/{id}/trace}), from the events
 * {@link AuditTraceProjection} stored.
 * <p>
 * What belongs to a complaint is decided by the producers, not guessed here: every event carries the correlation id of
 * the complaint it stems from (ARCHITECTURE.md), and the trace is exactly the events with that correlation id. So:
 * <ul>
 *   <li>the complaint's own events, its service orders (opened from its {@code FieldServiceRequested}, then every step
 *   and spare part on them), the CAPAs opened from its verification or from a service report of one of its orders, and
 *   the deadline watch's at-risk, breach and overdue events on any of them;</li>
 *   <li>of a scorecard only the deduction events this complaint caused: a scorecard collects survey responses and the
 *   deductions of many complaints, and those carry their own correlation ids;</li>
 *   <li>not an event of another complaint that mentions this one in its payload, nor a CAPA opened by hand.</li>
 * </ul>
 * Order: by the time the owning service stored the event, then by service, aggregate and sequence, so that events stored
 * in the same microsecond still come in one stable order. A cause always precedes its effect in time (the effect is
 * stored only after the cause was published and consumed), provided the services' clocks agree.
 */
@Component
public class ComplaintTraceQuery {
    private final JdbcTemplate jdbc;
    private final JsonMapper json;

    public ComplaintTraceQuery(JdbcTemplate jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * The trace's events in order.
     *
     * @throws NotFoundException when reporting has no event of a complaint with this id
     */
    public List<Map<String, Object>> events(String complaintId) {
        List<Map<String, Object>> events = jdbc.query("SELECT event_id, service, aggregate_type, aggregate_id, sequence, type, "
                        + "occurred_at, actor, correlation_id, causation_id, payload::text AS payload FROM trace_event "
                        + "WHERE correlation_id = ? ORDER BY occurred_at, service, aggregate_type, aggregate_id, sequence, event_id",
                (rs, i) -> {
                    Map<String, Object> event = new LinkedHashMap<>();
                    event.put("service", rs.getString("service"));
                    event.put("aggregateType", rs.getString("aggregate_type"));
                    event.put("aggregateId", rs.getString("aggregate_id"));
                    event.put("sequence", rs.getLong("sequence"));
                    event.put("eventId", rs.getString("event_id"));
                    event.put("type", rs.getString("type"));
                    event.put("occurredAt", rs.getTimestamp("occurred_at").toInstant());
                    event.put("actor", rs.getString("actor"));
                    event.put("correlationId", rs.getString("correlation_id"));
                    event.put("causationId", rs.getString("causation_id"));
                    event.put("payload", json.readTree(rs.getString("payload")));
                    return event;
                }, complaintId);
        // other stories have correlation ids too (a hand-opened CAPA, a survey): only a complaint's is a complaint trace
        if (events.stream().noneMatch(event -> "Complaint".equals(event.get("aggregateType"))
                && complaintId.equals(event.get("aggregateId")))) {
            throw new NotFoundException("Complaint", complaintId);
        }
        return events;
    }

    /**
     * {@code {complaintId, events[], services{intake, fieldservice, quality, satisfaction}, aggregates[]}}: the events in
     * order, how many each service contributed, and each aggregate met with its number of events in this trace (for a
     * scorecard, only this complaint's deductions).
     */
    public Map<String, Object> trace(String complaintId) {
        List<Map<String, Object>> events = events(complaintId);
        Map<String, Long> services = new LinkedHashMap<>();
        AuditTraceProjection.SERVICES.forEach(service -> services.put(service, 0L));
        Map<String, Map<String, Object>> aggregates = new LinkedHashMap<>();
        for (Map<String, Object> event : events) {
            services.merge((String) event.get("service"), 1L, Long::sum);
            String key = event.get("aggregateType") + "/" + event.get("aggregateId");
            aggregates.computeIfAbsent(key, k -> {
                Map<String, Object> aggregate = new LinkedHashMap<>();
                aggregate.put("service", event.get("service"));
                aggregate.put("aggregateType", event.get("aggregateType"));
                aggregate.put("aggregateId", event.get("aggregateId"));
                aggregate.put("events", 0L);
                return aggregate;
            }).merge("events", 1L, (a, b) -> (Long) a + (Long) b);
        }
        Map<String, Object> trace = new LinkedHashMap<>();
        trace.put("complaintId", complaintId);
        trace.put("events", events);
        trace.put("services", services);
        trace.put("aggregates", new ArrayList<>(aggregates.values()));
        return trace;
    }
}

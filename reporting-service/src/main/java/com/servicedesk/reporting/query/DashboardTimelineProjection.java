package com.servicedesk.reporting.query;

import com.servicedesk.events.Topics;
import com.servicedesk.platform.consumer.EventBatchHandler;
import com.servicedesk.platform.consumer.IdempotentConsumer;
import com.servicedesk.platform.consumer.PublishedEvent;
import com.servicedesk.platform.projection.EventRouter;
import com.servicedesk.platform.projection.ReadModelTarget;
import com.servicedesk.platform.projection.RebuildableProjection;
import com.servicedesk.reporting.config.ReportingProperties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The SLA dashboard's timeline in reporting's PostgreSQL ({@code dashboard_fact}, see db/reporting-schema.sql): for
 * every event of a complaint, a service order or a scorecard, the facts it changed get a new version valid from the
 * event's recording time, and the version it replaced ends there. The live dashboard and every as-of answer are the
 * same query at a different instant, so "as of T" equals what the live dashboard showed at T once the events recorded
 * by T had arrived.
 * <p>
 * Why PostgreSQL and not the Mongo read models: an as-of answer is a range question (which version was valid at T),
 * which a GiST index on the validity answers without reading the rest of history; the embedded Mongo-wire store
 * keeps no secondary indexes. The last applied sequence per aggregate is written in the same transaction as the
 * versions, so a redelivered event never makes a second version. A batch of events is one transaction: the applied
 * sequences and the current facts of its aggregates are read in one query each, the versions computed in memory (a
 * version made and replaced within the batch is written with its end), and written in one JDBC batch per statement. Both tables are rebuilt from the topics like any
 * read model (a rebuild writes shadow tables and swaps them in, see the platform's ProjectionRebuilds).
 */
@Component
public class DashboardTimelineProjection extends RebuildableProjection implements EventBatchHandler {
    public static final String NAME = "reporting-dashboard-timeline";
    static final String FACTS = "dashboard_fact";
    static final String APPLIED = "dashboard_applied";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final IdempotentConsumer consumer;
    private final ReportingProperties properties;
    private final double atRiskFraction;
    private final String factTable;
    private final String appliedTable;
    /** Every event the rules route may change a fact (a status, a clock): all go through the timeline to them. */
    private final EventRouter<Timeline> router = EventRouter.<Timeline>create().onAnyOther(
            List.copyOf(DashboardFacts.handledTypes()), (timeline, payload, event) -> timeline.apply(event));

    @Autowired
    public DashboardTimelineProjection(JdbcTemplate jdbc, TransactionTemplate transaction, IdempotentConsumer consumer,
                                       ReportingProperties properties) {
        this(jdbc, transaction, consumer, properties, FACTS, APPLIED);
    }

    private DashboardTimelineProjection(JdbcTemplate jdbc, TransactionTemplate transaction, IdempotentConsumer consumer,
                                        ReportingProperties properties, String factTable, String appliedTable) {
        super(NAME, List.of(), List.of(FACTS, APPLIED));
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.consumer = consumer;
        this.properties = properties;
        this.atRiskFraction = properties.atRiskFraction();
        this.factTable = factTable;
        this.appliedTable = appliedTable;
    }

    @Override
    public DashboardTimelineProjection writingTo(ReadModelTarget target) {
        return new DashboardTimelineProjection(jdbc, transaction, consumer, properties, target.table(FACTS), target.table(APPLIED));
    }

    @KafkaListener(id = NAME, batch = "true", topics = {Topics.COMPLAINT, Topics.SERVICE_ORDER, Topics.SCORECARD},
            groupId = "${servicedesk.projections.dashboard-timeline.group:" + NAME + "}",
            concurrency = "${servicedesk.projections.dashboard-timeline.concurrency:1}")
    public void on(List<ConsumerRecord<String, byte[]>> records) {
        consumer.consume(NAME, records, this);
    }

    @Override
    public Set<Class<?>> handledTypes() {
        return router.handledTypes();
    }

    /** The last sequence applied per aggregate is in {@code dashboard_applied}, written in the batch's transaction. */
    @Override
    public boolean keepsPositions() {
        return true;
    }

    @Override
    public void handle(List<PublishedEvent> events) {
        transaction.executeWithoutResult(status -> {
            Timeline timeline = new Timeline(events.stream().map(PublishedEvent::aggregateId).collect(
                    java.util.stream.Collectors.toCollection(LinkedHashSet::new)));
            events.forEach(event -> router.route(timeline, event));
            timeline.write();
        });
    }

    /** The batch's aggregates: their applied sequences and current facts as read, then as the batch leaves them. */
    private final class Timeline {
        private final Map<String, Long> applied = new HashMap<>();
        private final Map<String, Map<String, DashboardFact>> current = new HashMap<>();
        /** aggregate → fact key → when its current version became valid */
        private final Map<String, Map<String, Instant>> currentFrom = new HashMap<>();
        private final Map<String, Long> reached = new LinkedHashMap<>();
        /** fact key → the version the batch made that is still current (written at the end) */
        private final Map<String, Row> made = new LinkedHashMap<>();
        private final List<Row> replacedInBatch = new ArrayList<>();
        /** the stored current versions the batch ended: fact key → when */
        private final Map<String, Instant> ended = new LinkedHashMap<>();

        Timeline(Set<String> aggregateIds) {
            String[] ids = aggregateIds.toArray(String[]::new);
            jdbc.query("SELECT aggregate_id, sequence FROM " + appliedTable + " WHERE aggregate_id = ANY (?) FOR UPDATE",
                    rs -> {
                        applied.put(rs.getString(1), rs.getLong(2));
                    }, (Object) ids);
            jdbc.query("SELECT * FROM " + factTable + " WHERE aggregate_id = ANY (?) AND valid_to IS NULL", rs -> {
                String aggregateId = rs.getString("aggregate_id");
                DashboardFact fact = fact(rs);
                current.computeIfAbsent(aggregateId, id -> new LinkedHashMap<>()).put(fact.key(), fact);
                currentFrom.computeIfAbsent(aggregateId, id -> new HashMap<>()).put(fact.key(), rs.getTimestamp("valid_from").toInstant());
            }, (Object) ids);
        }

        void apply(PublishedEvent event) {
            String aggregateId = event.aggregateId();
            Long last = applied.get(aggregateId);
            if (last != null && last >= event.sequence()) {
                return;
            }
            Map<String, DashboardFact> before = current.getOrDefault(aggregateId, Map.of());
            Map<String, DashboardFact> next = DashboardFacts.next(before, event, atRiskFraction);
            // versions of one aggregate never run backwards, even if two services' clocks disagree by a few ms
            Map<String, Instant> from = currentFrom.computeIfAbsent(aggregateId, id -> new HashMap<>());
            Instant previous = from.values().stream().max(Instant::compareTo).orElse(Instant.EPOCH);
            Instant at = event.occurredAt().isBefore(previous) ? previous : event.occurredAt();
            Set<String> keys = new HashSet<>(before.keySet());
            keys.addAll(next.keySet());
            for (String key : keys) {
                DashboardFact was = before.get(key);
                DashboardFact is = next.get(key);
                if (Objects.equals(was, is)) {
                    continue;
                }
                if (was != null) {
                    Row mine = made.remove(key);
                    if (mine != null) {
                        mine.validTo = at;
                        replacedInBatch.add(mine);
                    } else {
                        ended.put(key, at);
                    }
                }
                if (is != null) {
                    made.put(key, new Row(aggregateId, event.sequence(), is, at));
                    from.put(key, at);
                } else {
                    from.remove(key);
                }
            }
            current.put(aggregateId, next);
            applied.put(aggregateId, event.sequence());
            reached.put(aggregateId, event.sequence());
        }

        void write() {
            jdbc.batchUpdate("UPDATE " + factTable + " SET valid_to = ? WHERE fact_key = ? AND valid_to IS NULL",
                    ended.entrySet().stream().map(end -> new Object[]{ts(end.getValue()), end.getKey()}).toList());
            List<Row> rows = new ArrayList<>(replacedInBatch);
            rows.addAll(made.values());
            jdbc.batchUpdate("INSERT INTO " + factTable + " (fact_key, aggregate_id, sequence, kind, complaint_id, service_order_id, "
                            + "region, category, status, late, year, started_at, due_at, at_risk_at, stopped_at, valid_from, valid_to) "
                            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    rows.stream().map(Row::values).toList());
            jdbc.batchUpdate("INSERT INTO " + appliedTable + " (aggregate_id, sequence) VALUES (?, ?) "
                            + "ON CONFLICT (aggregate_id) DO UPDATE SET sequence = EXCLUDED.sequence",
                    reached.entrySet().stream().map(r -> new Object[]{r.getKey(), r.getValue()}).toList());
        }
    }

    /** One version of a fact as the batch writes it. */
    private static final class Row {
        final String aggregateId;
        final long sequence;
        final DashboardFact fact;
        final Instant validFrom;
        Instant validTo;

        Row(String aggregateId, long sequence, DashboardFact fact, Instant validFrom) {
            this.aggregateId = aggregateId;
            this.sequence = sequence;
            this.fact = fact;
            this.validFrom = validFrom;
        }

        Object[] values() {
            return new Object[]{fact.key(), aggregateId, sequence, fact.kind().name(), fact.complaintId(),
                    fact.serviceOrderId(), fact.region(), fact.category(), fact.status(), fact.late(), fact.year(),
                    ts(fact.startedAt()), ts(fact.dueAt()), ts(fact.atRiskAt()), ts(fact.stoppedAt()), ts(validFrom), ts(validTo)};
        }
    }

    static DashboardFact fact(ResultSet rs) throws SQLException {
        return new DashboardFact(rs.getString("fact_key"), DashboardFact.Kind.valueOf(rs.getString("kind")),
                rs.getString("complaint_id"), rs.getString("service_order_id"), rs.getString("region"),
                rs.getString("category"), rs.getString("status"), (Boolean) rs.getObject("late"),
                (Integer) rs.getObject("year"), instant(rs, "started_at"), instant(rs, "due_at"),
                instant(rs, "at_risk_at"), instant(rs, "stopped_at"));
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}

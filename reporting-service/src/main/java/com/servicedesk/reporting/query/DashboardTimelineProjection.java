package com.servicedesk.reporting.query;

import com.servicedesk.events.Topics;
import com.servicedesk.platform.consumer.IdempotentConsumer;
import com.servicedesk.platform.consumer.PublishedEvent;
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
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

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
 * versions, so a redelivered event never makes a second version. Both tables are rebuilt from the topics like any
 * read model (a rebuild writes shadow tables and swaps them in, see the platform's ProjectionRebuilds).
 */
@Component
public class DashboardTimelineProjection extends RebuildableProjection {
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
    public Consumer<PublishedEvent> writingTo(ReadModelTarget target) {
        return new DashboardTimelineProjection(jdbc, transaction, consumer, properties, target.table(FACTS), target.table(APPLIED))::project;
    }

    @KafkaListener(id = NAME, topics = {Topics.COMPLAINT, Topics.SERVICE_ORDER, Topics.SCORECARD},
            groupId = "${servicedesk.projections.dashboard-timeline.group:" + NAME + "}",
            concurrency = "${servicedesk.projections.dashboard-timeline.concurrency:1}")
    public void on(ConsumerRecord<String, byte[]> record) {
        consumer.consume(NAME, record, this::project);
    }

    void project(PublishedEvent event) {
        transaction.executeWithoutResult(status -> {
            List<Long> last = jdbc.queryForList("SELECT sequence FROM " + appliedTable + " WHERE aggregate_id = ? FOR UPDATE",
                    Long.class, event.aggregateId());
            if (!last.isEmpty() && last.get(0) >= event.sequence()) {
                return;
            }
            Map<String, DashboardFact> current = new LinkedHashMap<>();
            Instant latest = Instant.EPOCH;
            for (Map.Entry<DashboardFact, Instant> row : currentFacts(event.aggregateId()).entrySet()) {
                current.put(row.getKey().key(), row.getKey());
                latest = row.getValue().isAfter(latest) ? row.getValue() : latest;
            }
            Map<String, DashboardFact> next = DashboardFacts.next(current, event.aggregateId(), event.payload(),
                    event.occurredAt(), atRiskFraction);
            // versions of one aggregate never run backwards, even if two services' clocks disagree by a few ms
            Instant at = event.occurredAt().isBefore(latest) ? latest : event.occurredAt();
            Set<String> keys = new HashSet<>(current.keySet());
            keys.addAll(next.keySet());
            for (String key : keys) {
                DashboardFact before = current.get(key);
                DashboardFact after = next.get(key);
                if (Objects.equals(before, after)) {
                    continue;
                }
                if (before != null) {
                    jdbc.update("UPDATE " + factTable + " SET valid_to = ? WHERE fact_key = ? AND valid_to IS NULL", ts(at), key);
                }
                if (after != null) {
                    insert(event, after, at);
                }
            }
            jdbc.update("INSERT INTO " + appliedTable + " (aggregate_id, sequence) VALUES (?, ?) "
                    + "ON CONFLICT (aggregate_id) DO UPDATE SET sequence = EXCLUDED.sequence", event.aggregateId(), event.sequence());
        });
    }

    private Map<DashboardFact, Instant> currentFacts(String aggregateId) {
        Map<DashboardFact, Instant> facts = new LinkedHashMap<>();
        jdbc.query("SELECT * FROM " + factTable + " WHERE aggregate_id = ? AND valid_to IS NULL", rs -> {
            facts.put(fact(rs), rs.getTimestamp("valid_from").toInstant());
        }, aggregateId);
        return facts;
    }

    private void insert(PublishedEvent event, DashboardFact fact, Instant at) {
        jdbc.update("INSERT INTO " + factTable + " (fact_key, aggregate_id, sequence, kind, complaint_id, service_order_id, "
                        + "region, category, status, late, year, started_at, due_at, at_risk_at, stopped_at, valid_from) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                fact.key(), event.aggregateId(), event.sequence(), fact.kind().name(), fact.complaintId(),
                fact.serviceOrderId(), fact.region(), fact.category(), fact.status(), fact.late(), fact.year(),
                ts(fact.startedAt()), ts(fact.dueAt()), ts(fact.atRiskAt()), ts(fact.stoppedAt()), ts(at));
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

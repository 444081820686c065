package com.servicedesk.platform.deadline;

import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Instant;

/**
 * The due-time index of running clocks, in the service's own PostgreSQL database. Call it from a tracking event
 * processor (a projection of the service's own events): every change then commits with the processor's token, so the
 * index never misses or repeats an event and it survives restarts with no timer in memory.
 */
public class Deadlines {
    private final JdbcTemplate jdbc;

    public Deadlines(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Starts watching a clock; a clock already watched keeps its first deadline.
     *
     * @param clock    its kind, optionally followed by {@code ':'} and what tells several clocks of one kind on one
     *                 aggregate apart ({@code ACTION:<id>}); the open-clock metrics count by kind
     * @param atRiskAt when it becomes AT_RISK, or null for a clock that has no at-risk stage
     */
    public void watch(String aggregateId, String clock, String correlationId, Instant atRiskAt, Instant dueAt) {
        jdbc.update("INSERT INTO deadline_watch (aggregate_id, clock, correlation_id, at_risk_at, due_at, at_risk_done) "
                        + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (aggregate_id, clock) DO NOTHING",
                aggregateId, clock, correlationId, atRiskAt == null ? null : Timestamp.from(atRiskAt), Timestamp.from(dueAt),
                atRiskAt == null);
    }

    /** The clock stopped: nothing more to raise for it. */
    public void stop(String aggregateId, String clock) {
        jdbc.update("DELETE FROM deadline_watch WHERE aggregate_id = ? AND clock = ?", aggregateId, clock);
    }

    public void stopAll(String aggregateId) {
        jdbc.update("DELETE FROM deadline_watch WHERE aggregate_id = ?", aggregateId);
    }

    /** The aggregate recorded this stage; a breach also ends the at-risk stage. */
    public void raised(String aggregateId, String clock, DeadlineStage stage) {
        jdbc.update(stage == DeadlineStage.BREACHED
                        ? "UPDATE deadline_watch SET at_risk_done = TRUE, breach_done = TRUE WHERE aggregate_id = ? AND clock = ?"
                        : "UPDATE deadline_watch SET at_risk_done = TRUE WHERE aggregate_id = ? AND clock = ?",
                aggregateId, clock);
    }
}

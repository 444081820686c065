package com.servicedesk.intake.command;

import com.servicedesk.events.intake.ComplaintAcknowledgedEvent;
import com.servicedesk.events.intake.ComplaintClosedEvent;
import com.servicedesk.events.intake.ComplaintRegisteredEvent;
import com.servicedesk.events.intake.ComplaintRejectedEvent;
import com.servicedesk.events.intake.ComplaintRepliedEvent;
import com.servicedesk.events.intake.FieldServiceRequestedEvent;
import com.servicedesk.events.intake.SlaAtRiskEvent;
import com.servicedesk.events.intake.SlaBreachedEvent;
import com.servicedesk.events.intake.SlaClock;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;

/**
 * Keeps the {@code sla_watch} index (one row per running clock) from the event store. A tracking processor on the same
 * database: each row change commits with the processor's token, so the index never misses or repeats an event, and
 * it survives restarts with no timer in memory.
 */
@Component
@ProcessingGroup(SlaWatchProjection.PROCESSING_GROUP)
public class SlaWatchProjection {
    public static final String PROCESSING_GROUP = "sla-watch";

    private final JdbcTemplate jdbc;
    private final SlaPolicy sla;

    public SlaWatchProjection(JdbcTemplate jdbc, SlaPolicy sla) {
        this.jdbc = jdbc;
        this.sla = sla;
    }

    @EventHandler
    void on(ComplaintRegisteredEvent event) {
        watch(event.complaintId(), SlaClock.ACKNOWLEDGE, event.receivedAt(), event.acknowledgeDueAt());
        watch(event.complaintId(), SlaClock.REPLY, event.receivedAt(), event.replyDueAt());
    }

    @EventHandler
    void on(FieldServiceRequestedEvent event) {
        watch(event.complaintId(), SlaClock.ON_SITE, event.receivedAt(), event.onSiteDueAt());
    }

    @EventHandler
    void on(ComplaintAcknowledgedEvent event) {
        unwatch(event.complaintId(), SlaClock.ACKNOWLEDGE);
    }

    @EventHandler
    void on(ComplaintRepliedEvent event) {
        unwatch(event.complaintId(), SlaClock.REPLY);
    }

    @EventHandler
    void on(ComplaintClosedEvent event) {
        jdbc.update("DELETE FROM sla_watch WHERE complaint_id = ?", event.complaintId());
    }

    @EventHandler
    void on(ComplaintRejectedEvent event) {
        jdbc.update("DELETE FROM sla_watch WHERE complaint_id = ?", event.complaintId());
    }

    @EventHandler
    void on(SlaAtRiskEvent event) {
        jdbc.update("UPDATE sla_watch SET at_risk_done = TRUE WHERE complaint_id = ? AND clock = ?",
                event.complaintId(), event.clock().name());
    }

    @EventHandler
    void on(SlaBreachedEvent event) {
        jdbc.update("UPDATE sla_watch SET at_risk_done = TRUE, breach_done = TRUE WHERE complaint_id = ? AND clock = ?",
                event.complaintId(), event.clock().name());
    }

    private void watch(String complaintId, SlaClock clock, Instant startedAt, Instant dueAt) {
        jdbc.update("INSERT INTO sla_watch (complaint_id, clock, at_risk_at, due_at) VALUES (?, ?, ?, ?) "
                        + "ON CONFLICT (complaint_id, clock) DO NOTHING",
                complaintId, clock.name(), Timestamp.from(sla.atRiskFrom(startedAt, dueAt)), Timestamp.from(dueAt));
    }

    private void unwatch(String complaintId, SlaClock clock) {
        jdbc.update("DELETE FROM sla_watch WHERE complaint_id = ? AND clock = ?", complaintId, clock.name());
    }
}

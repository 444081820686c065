package com.servicedesk.intake.command;

import com.servicedesk.events.intake.ComplaintAcknowledgedEvent;
import com.servicedesk.events.intake.ComplaintClosedEvent;
import com.servicedesk.events.intake.ComplaintRegisteredEvent;
import com.servicedesk.events.intake.ComplaintRejectedEvent;
import com.servicedesk.events.intake.ComplaintRepliedEvent;
import com.servicedesk.events.intake.FieldServiceArrivalRecordedEvent;
import com.servicedesk.events.intake.FieldServiceRequestedEvent;
import com.servicedesk.events.intake.SlaAtRiskEvent;
import com.servicedesk.events.intake.SlaBreachedEvent;
import com.servicedesk.events.intake.SlaClock;
import com.servicedesk.platform.deadline.DeadlineStage;
import com.servicedesk.platform.deadline.Deadlines;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * Keeps the complaint's SLA clocks in platform's {@link Deadlines} index, from the event store: a tracking processor on
 * the same database, so each change commits with its token. The processing group was renamed from {@code sla-watch}
 * when the index moved to platform: the new group replays the whole store once and fills the new table.
 */
@Component
@ProcessingGroup(SlaWatchProjection.PROCESSING_GROUP)
public class SlaWatchProjection {
    public static final String PROCESSING_GROUP = "sla-deadlines";

    private final Deadlines deadlines;
    private final SlaPolicy sla;

    public SlaWatchProjection(Deadlines deadlines, SlaPolicy sla) {
        this.deadlines = deadlines;
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
    void on(FieldServiceArrivalRecordedEvent event) {
        deadlines.stop(event.complaintId(), SlaClock.ON_SITE.name());
    }

    @EventHandler
    void on(ComplaintAcknowledgedEvent event) {
        deadlines.stop(event.complaintId(), SlaClock.ACKNOWLEDGE.name());
    }

    @EventHandler
    void on(ComplaintRepliedEvent event) {
        deadlines.stop(event.complaintId(), SlaClock.REPLY.name());
    }

    @EventHandler
    void on(ComplaintClosedEvent event) {
        deadlines.stopAll(event.complaintId());
    }

    @EventHandler
    void on(ComplaintRejectedEvent event) {
        deadlines.stopAll(event.complaintId());
    }

    @EventHandler
    void on(SlaAtRiskEvent event) {
        deadlines.raised(event.complaintId(), event.clock().name(), DeadlineStage.AT_RISK);
    }

    @EventHandler
    void on(SlaBreachedEvent event) {
        deadlines.raised(event.complaintId(), event.clock().name(), DeadlineStage.BREACHED);
    }

    private void watch(String complaintId, SlaClock clock, Instant startedAt, Instant dueAt) {
        deadlines.watch(complaintId, clock.name(), complaintId, sla.atRiskFrom(startedAt, dueAt), dueAt);
    }
}

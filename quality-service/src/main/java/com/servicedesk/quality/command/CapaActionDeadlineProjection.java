package com.servicedesk.quality.command;

import com.servicedesk.events.quality.CapaActionCompletedEvent;
import com.servicedesk.events.quality.CapaActionOverdueEvent;
import com.servicedesk.events.quality.CapaActionPlannedEvent;
import com.servicedesk.events.quality.CapaCancelledEvent;
import com.servicedesk.events.quality.CapaClosedEvent;
import com.servicedesk.platform.deadline.DeadlineStage;
import com.servicedesk.platform.deadline.Deadlines;
import com.servicedesk.platform.metadata.AuditMetadata;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.springframework.stereotype.Component;

/**
 * Keeps each open action's due time in platform's deadline index (PostgreSQL, with this processor's token), so an
 * overdue action raises its event within one sweep of its due time (5 s by default), across restarts.
 */
@Component
@ProcessingGroup(CapaActionDeadlineProjection.PROCESSING_GROUP)
public class CapaActionDeadlineProjection {
    public static final String PROCESSING_GROUP = "capa-action-deadlines";
    private static final String PREFIX = "ACTION:";

    private final Deadlines deadlines;

    public CapaActionDeadlineProjection(Deadlines deadlines) {
        this.deadlines = deadlines;
    }

    public static String actionIdOf(String clock) {
        return clock.substring(PREFIX.length());
    }

    @EventHandler
    void on(CapaActionPlannedEvent event, @MetaDataValue(AuditMetadata.CORRELATION_ID) String correlationId) {
        deadlines.watch(event.capaId(), PREFIX + event.actionId(), correlationId, null, event.dueAt());
    }

    @EventHandler
    void on(CapaActionCompletedEvent event) {
        deadlines.stop(event.capaId(), PREFIX + event.actionId());
    }

    @EventHandler
    void on(CapaActionOverdueEvent event) {
        deadlines.raised(event.capaId(), PREFIX + event.actionId(), DeadlineStage.BREACHED);
    }

    @EventHandler
    void on(CapaClosedEvent event) {
        deadlines.stopAll(event.capaId());
    }

    @EventHandler
    void on(CapaCancelledEvent event) {
        deadlines.stopAll(event.capaId());
    }
}

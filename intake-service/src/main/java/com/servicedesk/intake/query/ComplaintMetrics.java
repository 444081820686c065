package com.servicedesk.intake.query;

import com.servicedesk.events.intake.ComplaintAcknowledgedEvent;
import com.servicedesk.events.intake.ComplaintRegisteredEvent;
import com.servicedesk.events.intake.ComplaintRepliedEvent;
import com.servicedesk.events.intake.FieldServiceArrivalRecordedEvent;
import com.servicedesk.events.intake.SlaAtRiskEvent;
import com.servicedesk.events.intake.SlaBreachedEvent;
import com.servicedesk.platform.deadline.ClockState;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * Micrometer counters of what happens in this process: complaints registered by channel and category, clocks
 * stopped on time or late, at-risk and breach events. A subscribing processor: it counts as events are stored and
 * never replays history into a counter.
 */
@Component
@ProcessingGroup(ComplaintMetrics.PROCESSING_GROUP)
public class ComplaintMetrics {
    public static final String PROCESSING_GROUP = "complaint-metrics";

    private final MeterRegistry meters;
    private final EventStore eventStore;

    public ComplaintMetrics(MeterRegistry meters, EventStore eventStore) {
        this.meters = meters;
        this.eventStore = eventStore;
    }

    @EventHandler
    void on(ComplaintRegisteredEvent event) {
        meters.counter("servicedesk.complaints.registered", "channel", event.channel().name(), "category", event.category().name()).increment();
    }

    @EventHandler
    void on(ComplaintAcknowledgedEvent event, @Timestamp Instant at) {
        clockStopped("ACKNOWLEDGE", event.complaintId(), at);
    }

    @EventHandler
    void on(ComplaintRepliedEvent event, @Timestamp Instant at) {
        clockStopped("REPLY", event.complaintId(), at);
    }

    @EventHandler
    void on(FieldServiceArrivalRecordedEvent event) {
        meters.counter("servicedesk.sla.clocks", "clock", "ON_SITE", "outcome",
                ClockState.stopped(event.arrivedAt(), event.onSiteDueAt()).name()).increment();
    }

    @EventHandler
    void on(SlaAtRiskEvent event) {
        meters.counter("servicedesk.sla.at.risk", "clock", event.clock().name()).increment();
    }

    @EventHandler
    void on(SlaBreachedEvent event) {
        meters.counter("servicedesk.sla.breaches", "clock", event.clock().name()).increment();
    }

    private void clockStopped(String clock, String complaintId, Instant at) {
        ComplaintRegisteredEvent registered = (ComplaintRegisteredEvent) eventStore.readEvents(complaintId).next().getPayload();
        Instant due = clock.equals("ACKNOWLEDGE") ? registered.acknowledgeDueAt() : registered.replyDueAt();
        meters.counter("servicedesk.sla.clocks", "clock", clock, "outcome", ClockState.stopped(at, due).name()).increment();
    }
}

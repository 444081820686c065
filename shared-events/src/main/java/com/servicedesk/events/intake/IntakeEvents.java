package com.servicedesk.events.intake;

import java.util.List;

/** Every event intake publishes on {@link com.servicedesk.events.Topics#COMPLAINT}. */
public final class IntakeEvents {
    public static final List<Class<?>> PUBLISHED = List.of(
            ComplaintRegisteredEvent.class,
            ComplaintAcknowledgedEvent.class,
            ComplaintClassifiedEvent.class,
            FieldServiceRequestedEvent.class,
            FieldServiceLinkedEvent.class,
            FieldServiceArrivalRecordedEvent.class,
            FieldServiceFinishedEvent.class,
            ComplaintVerifiedEvent.class,
            ComplaintVerificationChangedEvent.class,
            ComplaintRepliedEvent.class,
            ProductReturnRecordedEvent.class,
            ComplaintClosedEvent.class,
            ComplaintRejectedEvent.class,
            ComplaintReopenedEvent.class,
            SlaAtRiskEvent.class,
            SlaBreachedEvent.class);

    private IntakeEvents() {
    }
}

package com.servicedesk.events.fieldservice;

import java.util.List;

/** Every event field service publishes on {@link com.servicedesk.events.Topics#SERVICE_ORDER}. */
public final class FieldServiceEvents {
    public static final List<Class<?>> PUBLISHED = List.of(
            ServiceOrderOpenedEvent.class,
            TechnicianAssignedEvent.class,
            TechnicianDispatchedEvent.class,
            TechnicianArrivedEvent.class,
            FaultVerifiedEvent.class,
            SparePartRequestedEvent.class,
            SparePartShippedEvent.class,
            ServiceOrderCompletedEvent.class,
            ServiceOrderSignedOffEvent.class,
            ServiceReportSubmittedEvent.class,
            ServiceReportAtRiskEvent.class,
            ServiceReportOverdueEvent.class,
            ServiceOrderCancelledEvent.class);

    private FieldServiceEvents() {
    }
}

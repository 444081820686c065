package com.servicedesk.events.intake;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The technician of the complaint's first visit arrived: the on-site clock stops at {@code arrivedAt}.
 */
@Revision("1")
public record FieldServiceArrivalRecordedEvent(
        String complaintId,
        String requestId,
        String serviceOrderId,
        Instant arrivedAt,
        Instant onSiteDueAt) {
}

package com.servicedesk.events.fieldservice;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The service report was not in by its due time: the report clock is breached.
 */
@Revision("1")
public record ServiceReportOverdueEvent(
        String serviceOrderId,
        String complaintId,
        Instant reportDueAt) {
}

package com.servicedesk.events.fieldservice;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The service report is not in and most of its allowed time is used.
 */
@Revision("1")
public record ServiceReportAtRiskEvent(
        String serviceOrderId,
        String complaintId,
        Instant reportDueAt) {
}

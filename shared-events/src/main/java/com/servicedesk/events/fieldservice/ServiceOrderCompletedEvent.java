package com.servicedesk.events.fieldservice;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The on-site work is finished at {@code completedAt}; the service report is due at {@code reportDueAt}.
 */
@Revision("1")
public record ServiceOrderCompletedEvent(
        String serviceOrderId,
        String complaintId,
        String requestId,
        String workPerformed,
        ServiceResult result,
        Instant completedAt,
        Instant reportDueAt) {
}

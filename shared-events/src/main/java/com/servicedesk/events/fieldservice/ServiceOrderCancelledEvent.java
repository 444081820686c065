package com.servicedesk.events.fieldservice;

import org.axonframework.serialization.Revision;

/**
 * The order was cancelled before the work was completed.
 */
@Revision("1")
public record ServiceOrderCancelledEvent(
        String serviceOrderId,
        String complaintId,
        String requestId,
        String reason) {
}

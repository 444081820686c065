package com.servicedesk.events.fieldservice;

import org.axonframework.serialization.Revision;

/**
 * A spare part was requested for the order; {@code billing} is the order's (free under warranty, else charged).
 */
@Revision("1")
public record SparePartRequestedEvent(
        String serviceOrderId,
        String complaintId,
        String partRequestId,
        String partNumber,
        int quantity,
        Billing billing) {
}

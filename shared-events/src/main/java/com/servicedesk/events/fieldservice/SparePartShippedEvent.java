package com.servicedesk.events.fieldservice;

import org.axonframework.serialization.Revision;

/**
 * A requested spare part was shipped to the customer (备件补发).
 */
@Revision("1")
public record SparePartShippedEvent(
        String serviceOrderId,
        String complaintId,
        String partRequestId,
        String partNumber,
        int quantity,
        String carrier,
        String trackingNumber) {
}

package com.servicedesk.events.intake;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The phone could not solve it: a technician must go on site (seed 002 §3.1). Carries everything field service needs,
 * so it never has to ask intake. The on-site deadline runs from receipt of the complaint, not from this request.
 *
 * @param requestId one service order per request, however often this event is delivered
 */
@Revision("1")
public record FieldServiceRequestedEvent(
        String complaintId,
        String requestId,
        String reason,
        String customerId,
        String customerName,
        Contact contact,
        String productModel,
        String serialNumber,
        LocalDate deliveryDate,
        Region region,
        ComplaintCategory category,
        Severity severity,
        Instant receivedAt,
        Instant onSiteDueAt) {
}

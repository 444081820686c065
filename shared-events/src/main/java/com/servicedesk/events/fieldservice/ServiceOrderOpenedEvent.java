package com.servicedesk.events.fieldservice;

import com.servicedesk.events.intake.ComplaintCategory;
import com.servicedesk.events.intake.Contact;
import com.servicedesk.events.intake.Region;
import com.servicedesk.events.intake.Severity;
import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A service order opened for a field-service request; exactly one per request. It carries a copy of the complaint's
 * facts field service works from, and the on-site deadline intake computed from receipt of the complaint.
 */
@Revision("1")
public record ServiceOrderOpenedEvent(
        String serviceOrderId,
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

package com.servicedesk.events.intake;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * Quality confirmed the complaint with the customer: whether the company is responsible, and the confirmed category.
 * Drives CAPA (company-responsible product quality) and satisfaction deductions (the year of {@code receivedAt}).
 */
@Revision("1")
public record ComplaintVerifiedEvent(
        String complaintId,
        String customerId,
        Instant receivedAt,
        boolean companyResponsible,
        ComplaintCategory confirmedCategory,
        String findings) {
}

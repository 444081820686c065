package com.servicedesk.events.intake;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A re-verification changed the answer. Downstream effects of the previous answer (a CAPA, a deduction) must be
 * corrected; the previous answer is carried so a consumer need not remember it.
 */
@Revision("1")
public record ComplaintVerificationChangedEvent(
        String complaintId,
        String customerId,
        Instant receivedAt,
        boolean companyResponsible,
        ComplaintCategory confirmedCategory,
        String findings,
        boolean previousCompanyResponsible,
        ComplaintCategory previousConfirmedCategory) {
}

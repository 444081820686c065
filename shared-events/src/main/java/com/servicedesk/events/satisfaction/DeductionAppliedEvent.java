package com.servicedesk.events.satisfaction;

import com.servicedesk.events.intake.ComplaintCategory;
import org.axonframework.serialization.Revision;

/**
 * A complaint of the customer's in this year was verified as the company's responsibility: its points come off the
 * base score.
 *
 * @param complaintSequence the sequence of the complaint event this follows from; older or equal verifications of the
 *                          same complaint are ignored afterwards (redelivery)
 */
@Revision("1")
public record DeductionAppliedEvent(
        String scorecardId,
        String customerId,
        int year,
        String complaintId,
        ComplaintCategory category,
        int points,
        long complaintSequence,
        Score score) implements ScorecardEvent {
}

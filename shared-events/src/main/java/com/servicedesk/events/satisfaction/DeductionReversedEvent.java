package com.servicedesk.events.satisfaction;

import com.servicedesk.events.intake.ComplaintCategory;
import org.axonframework.serialization.Revision;

/** The complaint was re-verified as not the company's responsibility: its deduction no longer applies. */
@Revision("1")
public record DeductionReversedEvent(
        String scorecardId,
        String customerId,
        int year,
        String complaintId,
        ComplaintCategory category,
        int points,
        long complaintSequence,
        Score score) implements ScorecardEvent {
}

package com.servicedesk.events.satisfaction;

import com.servicedesk.events.intake.ComplaintCategory;
import org.axonframework.serialization.Revision;

/**
 * The complaint was re-verified, still the company's responsibility, with another category: its deduction now
 * follows the new category (the points may stay the same).
 */
@Revision("1")
public record DeductionCorrectedEvent(
        String scorecardId,
        String customerId,
        int year,
        String complaintId,
        ComplaintCategory category,
        int points,
        ComplaintCategory previousCategory,
        int previousPoints,
        long complaintSequence,
        Score score) implements ScorecardEvent {
}

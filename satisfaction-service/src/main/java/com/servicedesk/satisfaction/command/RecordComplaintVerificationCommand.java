package com.servicedesk.satisfaction.command;

import com.servicedesk.events.intake.ComplaintCategory;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Intake verified (or re-verified) a complaint of the customer's received in {@code year}.
 *
 * @param complaintSequence the sequence of the complaint event this comes from, so that the scorecard recognises a
 *                          verification it has already taken into account
 */
public record RecordComplaintVerificationCommand(
        String complaintId,
        long complaintSequence,
        String customerId,
        int year,
        boolean companyResponsible,
        ComplaintCategory category) {

    @TargetAggregateIdentifier
    public String scorecardId() {
        return ScorecardId.of(customerId, year);
    }
}

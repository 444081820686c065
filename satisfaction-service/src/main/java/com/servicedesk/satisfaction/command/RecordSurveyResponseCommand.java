package com.servicedesk.satisfaction.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Map;

/**
 * One customer's survey response ({@code answers}: item code → level). Fields may be null here: the aggregate
 * validates them all and names every one that is missing or wrong.
 */
public record RecordSurveyResponseCommand(
        String surveyId,
        String customerId,
        Integer year,
        Instant respondedAt,
        Map<String, String> answers,
        String comments) {

    @TargetAggregateIdentifier
    public String scorecardId() {
        return ScorecardId.of(customerId, year);
    }
}

package com.servicedesk.events.satisfaction;

import org.axonframework.serialization.Revision;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A customer's answers to the yearly survey, every item scored. The latest response of the year by
 * {@code respondedAt} counts; an earlier one is recorded for the history with {@code counted} false.
 *
 * @param baseScore this response's {@code Σ F × X}; the scorecard's base score is in {@code score}
 * @param counted   whether this response is now the one the scorecard's score comes from
 */
@Revision("1")
public record SurveyResponseRecordedEvent(
        String scorecardId,
        String customerId,
        int year,
        String surveyId,
        Instant respondedAt,
        List<ItemScore> items,
        BigDecimal baseScore,
        String comments,
        boolean counted,
        Score score) implements ScorecardEvent {
}

package com.servicedesk.satisfaction.command;

import com.servicedesk.events.intake.ComplaintCategory;
import com.servicedesk.events.satisfaction.Score;
import com.servicedesk.events.satisfaction.ScorecardEvent;
import org.axonframework.eventhandling.EventMessage;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Survey answers and commands for the scorecard's tests, with the 14 item codes of the shipped configuration. */
public final class Surveys {
    static final String CUSTOMER = "CUST-42";
    static final int YEAR = 2026;
    static final String SCORECARD = "CUST-42:2026";
    static final List<String> ITEMS = List.of("PRODUCT_QUALITY", "RELIABILITY", "DELIVERY_ON_TIME", "PACKAGING", "PRICE",
            "DOCUMENTATION", "INSTALLATION_GUIDANCE", "TRAINING", "RESPONSE_SPEED", "SERVICE_ATTITUDE",
            "TECHNICIAN_COMPETENCE", "SPARE_PARTS_AVAILABILITY", "COMPLAINT_HANDLING", "COMMUNICATION");

    private Surveys() {
    }

    /**
     * A mixed response, worked by hand (F × X): 10×0.9=9, 8×1.0=8, 8×0.8=6.4, 5×0.6=3, 6×0.4=2.4, 5×0.2=1, 6×0.9=5.4,
     * 6×0.8=4.8, 8×1.0=8, 7×0.9=6.3, 8×0.9=7.2, 7×0.6=4.2, 8×0.8=6.4, 8×0.0=0; S = 72.10.
     */
    public static Map<String, String> mixed() {
        return answers(
                "PRODUCT_QUALITY", "SATISFIED", "RELIABILITY", "VERY_SATISFIED", "DELIVERY_ON_TIME", "FAIRLY_SATISFIED",
                "PACKAGING", "NEUTRAL", "PRICE", "SOMEWHAT_DISSATISFIED", "DOCUMENTATION", "DISSATISFIED",
                "INSTALLATION_GUIDANCE", "SATISFIED", "TRAINING", "FAIRLY_SATISFIED", "RESPONSE_SPEED", "VERY_SATISFIED",
                "SERVICE_ATTITUDE", "SATISFIED", "TECHNICIAN_COMPETENCE", "SATISFIED", "SPARE_PARTS_AVAILABILITY", "NEUTRAL",
                "COMPLAINT_HANDLING", "FAIRLY_SATISFIED", "COMMUNICATION", "VERY_DISSATISFIED");
    }

    /** Every item answered with {@code level}. */
    public static Map<String, String> all(String level) {
        Map<String, String> answers = new LinkedHashMap<>();
        ITEMS.forEach(item -> answers.put(item, level));
        return answers;
    }

    private static Map<String, String> answers(String... codesAndLevels) {
        Map<String, String> answers = new LinkedHashMap<>();
        for (int i = 0; i < codesAndLevels.length; i += 2) {
            answers.put(codesAndLevels[i], codesAndLevels[i + 1]);
        }
        return answers;
    }

    static RecordSurveyResponseCommand survey(String surveyId, Instant respondedAt, Map<String, String> answers) {
        return new RecordSurveyResponseCommand(surveyId, CUSTOMER, YEAR, respondedAt, answers, null);
    }

    static RecordComplaintVerificationCommand verified(String complaintId, long sequence, boolean responsible, ComplaintCategory category) {
        return new RecordComplaintVerificationCommand(complaintId, sequence, CUSTOMER, YEAR, responsible, category);
    }

    static Score score(String base, int deductions, String finalScore, Boolean satisfied) {
        return new Score(base == null ? null : new BigDecimal(base), deductions, finalScore == null ? null : new BigDecimal(finalScore), satisfied);
    }

    /** The scorecard's score after the last event the command caused. */
    static Matcher<List<EventMessage<?>>> scoreAfterwards(Score expected) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(List<EventMessage<?>> events) {
                return !events.isEmpty() && events.get(events.size() - 1).getPayload() instanceof ScorecardEvent last
                        && last.score().equals(expected);
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("events ending with the score ").appendValue(expected);
            }
        };
    }
}

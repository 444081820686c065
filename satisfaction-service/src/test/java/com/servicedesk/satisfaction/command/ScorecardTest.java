package com.servicedesk.satisfaction.command;

import com.servicedesk.events.satisfaction.DeductionAppliedEvent;
import com.servicedesk.events.satisfaction.DeductionCorrectedEvent;
import com.servicedesk.events.satisfaction.DeductionReversedEvent;
import com.servicedesk.events.satisfaction.ItemScore;
import com.servicedesk.events.satisfaction.SurveyResponseRecordedEvent;
import com.servicedesk.platform.validation.CommandValidationException;
import com.servicedesk.satisfaction.config.ShippedConfiguration;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static com.servicedesk.events.intake.ComplaintCategory.DOCUMENTATION;
import static com.servicedesk.events.intake.ComplaintCategory.PRODUCT_QUALITY;
import static com.servicedesk.events.intake.ComplaintCategory.SERVICE;
import static com.servicedesk.satisfaction.command.Surveys.CUSTOMER;
import static com.servicedesk.satisfaction.command.Surveys.SCORECARD;
import static com.servicedesk.satisfaction.command.Surveys.YEAR;
import static com.servicedesk.satisfaction.command.Surveys.all;
import static com.servicedesk.satisfaction.command.Surveys.mixed;
import static com.servicedesk.satisfaction.command.Surveys.score;
import static com.servicedesk.satisfaction.command.Surveys.scoreAfterwards;
import static com.servicedesk.satisfaction.command.Surveys.survey;
import static com.servicedesk.satisfaction.command.Surveys.verified;
import static org.axonframework.test.matchers.Matchers.andNoMore;
import static org.axonframework.test.matchers.Matchers.exactSequenceOf;
import static org.axonframework.test.matchers.Matchers.payloadsMatching;
import static org.axonframework.test.matchers.Matchers.predicate;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

/** Every rule and refusal of the scorecard (DOMAIN.md, Satisfaction scorecard), with the shipped configuration. */
class ScorecardTest {
    static final Instant NOW = Instant.parse("2026-12-15T02:00:00Z");
    static final Instant RESPONDED = Instant.parse("2026-11-20T07:00:00Z");

    FixtureConfiguration<Scorecard> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Scorecard.class);
        fixture.registerInjectableResource(ShippedConfiguration.scoringPolicy());
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
    }

    static ItemScore item(String code, String name, int weight, String level, String coefficient, String score) {
        return new ItemScore(code, name, weight, level, new BigDecimal(coefficient), new BigDecimal(score));
    }

    @Nested
    class SurveyResponses {
        @Test
        void aCompleteResponseIsScoredItemByItemAndStartsTheScorecard() {
            fixture.givenNoPriorActivity()
                    .when(new RecordSurveyResponseCommand("s1", " CUST-42 ", YEAR, RESPONDED, mixed(), " Spare parts were slow "))
                    .expectEvents(new SurveyResponseRecordedEvent(SCORECARD, CUSTOMER, YEAR, "s1", RESPONDED, List.of(
                            item("PRODUCT_QUALITY", "Product quality", 10, "SATISFIED", "0.9", "9.00"),
                            item("RELIABILITY", "Reliability", 8, "VERY_SATISFIED", "1.0", "8.00"),
                            item("DELIVERY_ON_TIME", "Delivery on time", 8, "FAIRLY_SATISFIED", "0.8", "6.40"),
                            item("PACKAGING", "Packaging", 5, "NEUTRAL", "0.6", "3.00"),
                            item("PRICE", "Price", 6, "SOMEWHAT_DISSATISFIED", "0.4", "2.40"),
                            item("DOCUMENTATION", "Documentation", 5, "DISSATISFIED", "0.2", "1.00"),
                            item("INSTALLATION_GUIDANCE", "Installation guidance", 6, "SATISFIED", "0.9", "5.40"),
                            item("TRAINING", "Training", 6, "FAIRLY_SATISFIED", "0.8", "4.80"),
                            item("RESPONSE_SPEED", "Response speed", 8, "VERY_SATISFIED", "1.0", "8.00"),
                            item("SERVICE_ATTITUDE", "Service attitude", 7, "SATISFIED", "0.9", "6.30"),
                            item("TECHNICIAN_COMPETENCE", "Technician competence", 8, "SATISFIED", "0.9", "7.20"),
                            item("SPARE_PARTS_AVAILABILITY", "Spare-parts availability", 7, "NEUTRAL", "0.6", "4.20"),
                            item("COMPLAINT_HANDLING", "Complaint handling", 8, "FAIRLY_SATISFIED", "0.8", "6.40"),
                            item("COMMUNICATION", "Communication", 8, "VERY_DISSATISFIED", "0.0", "0.00")),
                            new BigDecimal("72.10"), "Spare parts were slow", true, score("72.10", 0, "72.10", true)))
                    .expectResultMessagePayload(0L);
        }

        @Test
        void aLaterAnsweredResponseCounts() {
            fixture.givenCommands(survey("s1", RESPONDED, all("VERY_SATISFIED")))
                    .when(survey("s2", RESPONDED.plus(Duration.ofDays(3)), all("NEUTRAL")))
                    .expectEventsMatching(scoreAfterwards(score("60.00", 0, "60.00", false)))
                    .expectResultMessagePayload(1L);
        }

        @Test
        void anEarlierAnsweredResponseIsKeptForTheHistoryWithoutChangingTheScore() {
            fixture.givenCommands(survey("s1", RESPONDED, all("VERY_SATISFIED")))
                    .when(survey("s2", RESPONDED.minus(Duration.ofDays(30)), all("NEUTRAL")))
                    .expectEventsMatching(payloadsMatching(exactSequenceOf(predicate((SurveyResponseRecordedEvent e) ->
                            e.surveyId().equals("s2") && !e.counted() && e.baseScore().equals(new BigDecimal("60.00"))
                                    && e.score().equals(score("100.00", 0, "100.00", true))), andNoMore())))
                    .expectResultMessagePayload(1L);
        }

        @Test
        void theResponseThatCountsIsRememberedAcrossAnEarlierOne() {
            fixture.givenCommands(survey("s1", RESPONDED, all("VERY_SATISFIED")),
                            survey("s2", RESPONDED.minus(Duration.ofDays(30)), all("NEUTRAL")))
                    .when(verified("c1", 4, true, SERVICE))
                    .expectEventsMatching(scoreAfterwards(score("100.00", 10, "90.00", true)));
        }

        @Test
        void anUnknownItemOrLevelAndAMissingItemAreNamed() {
            Map<String, String> answers = all("SATISFIED");
            answers.remove("COMMUNICATION");
            answers.put("PACKAGING", "DELIGHTED");
            answers.put("FOO", "SATISFIED");
            fixture.givenNoPriorActivity().when(survey("s1", RESPONDED, answers))
                    .expectException(CommandValidationException.class)
                    .expectExceptionMessage(allOf(containsString("answers.COMMUNICATION: is required"),
                            containsString("answers.PACKAGING: is not a level"), containsString("answers.FOO: is not a survey item"),
                            not(containsString("answers.PRICE"))))
                    .expectNoEvents();
        }

        @Test
        void everyRequiredFieldIsNamed() {
            fixture.givenNoPriorActivity().when(new RecordSurveyResponseCommand("s1", " ", null, null, null, "x".repeat(4001)))
                    .expectException(CommandValidationException.class)
                    .expectExceptionMessage(allOf(containsString("customerId:"), containsString("year:"),
                            containsString("respondedAt:"), containsString("answers:"), containsString("comments:")));
        }

        @Test
        void aResponseFromTheFutureIsRefused() {
            fixture.givenNoPriorActivity().when(survey("s1", NOW.plus(Duration.ofMinutes(2)), all("SATISFIED")))
                    .expectException(CommandValidationException.class)
                    .expectExceptionMessage(containsString("respondedAt: must not be in the future"));
        }

        /** 2025-12-31T16:30Z is already 2026-01-01 00:30 in Shanghai. */
        static final Instant NEW_YEAR_IN_SHANGHAI = Instant.parse("2025-12-31T16:30:00Z");

        @Test
        void theYearIsTheYearTheSurveyWasAnsweredInTheCalendarZone() {
            fixture.givenNoPriorActivity()
                    .when(new RecordSurveyResponseCommand("s1", CUSTOMER, 2026, NEW_YEAR_IN_SHANGHAI, all("SATISFIED"), null))
                    .expectSuccessfulHandlerExecution();
        }

        @Test
        void aResponseAnsweredInAnotherYearIsRefused() {
            fixture.givenNoPriorActivity()
                    .when(new RecordSurveyResponseCommand("s1", CUSTOMER, 2025, NEW_YEAR_IN_SHANGHAI, all("SATISFIED"), null))
                    .expectException(CommandValidationException.class)
                    .expectExceptionMessage(containsString("year: must be the year the survey was answered in (respondedAt is in 2026, Asia/Shanghai)"));
        }
    }

    @Nested
    class Deductions {
        static final DeductionAppliedEvent APPLIED = new DeductionAppliedEvent(SCORECARD, CUSTOMER, YEAR, "c1",
                PRODUCT_QUALITY, 10, 4, score(null, 10, null, null));

        @Test
        void aDeductionBeforeAnySurveyStartsTheScorecardWithoutAScore() {
            fixture.givenNoPriorActivity().when(verified("c1", 4, true, PRODUCT_QUALITY))
                    .expectEvents(APPLIED)
                    .expectResultMessagePayload(0L);
        }

        @Test
        void aCompanyResponsibleComplaintComesOffTheBaseScore() {
            fixture.givenCommands(survey("s1", RESPONDED, all("VERY_SATISFIED")))
                    .when(verified("c1", 4, true, PRODUCT_QUALITY))
                    .expectEvents(new DeductionAppliedEvent(SCORECARD, CUSTOMER, YEAR, "c1", PRODUCT_QUALITY, 10, 4,
                            score("100.00", 10, "90.00", true)));
        }

        @Test
        void documentationOrOtherComplaintsDeductFive() {
            fixture.givenNoPriorActivity().when(verified("c1", 4, true, DOCUMENTATION))
                    .expectEvents(new DeductionAppliedEvent(SCORECARD, CUSTOMER, YEAR, "c1", DOCUMENTATION, 5, 4,
                            score(null, 5, null, null)));
        }

        @Test
        void theSameVerificationDeliveredAgainIsIgnored() {
            fixture.given(APPLIED).when(verified("c1", 4, true, PRODUCT_QUALITY)).expectNoEvents().expectResultMessagePayload(0L);
        }

        @Test
        void anOlderVerificationArrivingLateIsIgnored() {
            fixture.given(APPLIED, new DeductionReversedEvent(SCORECARD, CUSTOMER, YEAR, "c1", PRODUCT_QUALITY, 10, 6,
                            score(null, 0, null, null)))
                    .when(verified("c1", 4, true, PRODUCT_QUALITY))
                    .expectNoEvents();
        }

        @Test
        void aReVerificationWithAnotherCategoryCorrectsTheDeduction() {
            fixture.given(APPLIED).when(verified("c1", 6, true, DOCUMENTATION))
                    .expectEvents(new DeductionCorrectedEvent(SCORECARD, CUSTOMER, YEAR, "c1", DOCUMENTATION, 5,
                            PRODUCT_QUALITY, 10, 6, score(null, 5, null, null)))
                    .expectResultMessagePayload(1L);
        }

        @Test
        void reVerifiedAsNotResponsibleTheDeductionIsReversed() {
            fixture.given(APPLIED).when(verified("c1", 6, false, PRODUCT_QUALITY))
                    .expectEvents(new DeductionReversedEvent(SCORECARD, CUSTOMER, YEAR, "c1", PRODUCT_QUALITY, 10, 6,
                            score(null, 0, null, null)));
        }

        @Test
        void responsibleAgainAfterAReversalDeductsAgainOnce() {
            fixture.given(APPLIED, new DeductionReversedEvent(SCORECARD, CUSTOMER, YEAR, "c1", PRODUCT_QUALITY, 10, 6,
                            score(null, 0, null, null)))
                    .when(verified("c1", 8, true, SERVICE))
                    .expectEvents(new DeductionAppliedEvent(SCORECARD, CUSTOMER, YEAR, "c1", SERVICE, 10, 8, score(null, 10, null, null)));
        }

        @Test
        void aReVerificationThatKeepsResponsibilityAndCategoryChangesNothing() {
            fixture.given(APPLIED).when(verified("c1", 6, true, PRODUCT_QUALITY)).expectNoEvents();
        }

        @Test
        void notResponsibleWithoutADeductionIsNothingAndStartsNoScorecard() {
            fixture.givenNoPriorActivity().when(verified("c1", 4, false, SERVICE)).expectNoEvents();
        }

        @Test
        void aVerificationWithoutCategoryOrComplaintIsRefused() {
            fixture.givenNoPriorActivity()
                    .when(new RecordComplaintVerificationCommand(" ", 4, CUSTOMER, YEAR, true, null))
                    .expectException(CommandValidationException.class)
                    .expectExceptionMessage(allOf(containsString("complaintId:"), containsString("category:")));
        }
    }
}

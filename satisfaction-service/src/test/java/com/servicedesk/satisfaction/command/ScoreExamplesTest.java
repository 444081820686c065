package com.servicedesk.satisfaction.command;

import com.servicedesk.events.satisfaction.Score;
import com.servicedesk.satisfaction.config.ShippedConfiguration;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;

import static com.servicedesk.events.intake.ComplaintCategory.DELIVERY;
import static com.servicedesk.events.intake.ComplaintCategory.DOCUMENTATION;
import static com.servicedesk.events.intake.ComplaintCategory.OTHER;
import static com.servicedesk.events.intake.ComplaintCategory.PRODUCT_QUALITY;
import static com.servicedesk.events.intake.ComplaintCategory.SERVICE;
import static com.servicedesk.satisfaction.command.Surveys.all;
import static com.servicedesk.satisfaction.command.Surveys.mixed;
import static com.servicedesk.satisfaction.command.Surveys.score;
import static com.servicedesk.satisfaction.command.Surveys.scoreAfterwards;
import static com.servicedesk.satisfaction.command.Surveys.survey;
import static com.servicedesk.satisfaction.command.Surveys.verified;

/**
 * Worked scorecards with the shipped numbers (DOMAIN.md: weights summing to 100, coefficients 1.0 … 0.0, −10 for
 * product quality, delivery and service, −5 otherwise, satisfied at 70), each expected value computed by hand,
 * driven through the aggregate command by command.
 */
class ScoreExamplesTest {
    static final Instant NOV_20 = Instant.parse("2026-11-20T07:00:00Z");
    static final Instant OCT_01 = Instant.parse("2026-10-01T07:00:00Z");

    record Example(String name, List<Object> commands, Score expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Example> examples() {
        return Stream.of(
                new Example("all very satisfied: 100 × 1.0 = 100",
                        List.of(survey("s1", NOV_20, all("VERY_SATISFIED"))), score("100.00", 0, "100.00", true)),
                new Example("all very dissatisfied: 100 × 0.0 = 0",
                        List.of(survey("s1", NOV_20, all("VERY_DISSATISFIED"))), score("0.00", 0, "0.00", false)),
                new Example("all neutral: 100 × 0.6 = 60, below 70",
                        List.of(survey("s1", NOV_20, all("NEUTRAL"))), score("60.00", 0, "60.00", false)),
                new Example("mixed: 72.10 (see Surveys.mixed)",
                        List.of(survey("s1", NOV_20, mixed())), score("72.10", 0, "72.10", true)),
                new Example("mixed with a product-quality (−10) and a documentation (−5) complaint: 72.10 − 15 = 57.10",
                        List.of(survey("s1", NOV_20, mixed()), verified("c1", 4, true, PRODUCT_QUALITY), verified("c2", 4, true, DOCUMENTATION)),
                        score("72.10", 15, "57.10", false)),
                new Example("the product-quality complaint re-verified as not responsible: 72.10 − 5 = 67.10",
                        List.of(survey("s1", NOV_20, mixed()), verified("c1", 4, true, PRODUCT_QUALITY), verified("c2", 4, true, DOCUMENTATION),
                                verified("c1", 6, false, PRODUCT_QUALITY)),
                        score("72.10", 5, "67.10", false)),
                new Example("a delivery complaint (−10) corrected to other (−5): 72.10 − 5 = 67.10",
                        List.of(survey("s1", NOV_20, mixed()), verified("c1", 4, true, DELIVERY), verified("c1", 6, true, OTHER)),
                        score("72.10", 5, "67.10", false)),
                new Example("all dissatisfied (100 × 0.2 = 20) with three service complaints (−30): floor at 0",
                        List.of(survey("s1", NOV_20, all("DISSATISFIED")), verified("c1", 4, true, SERVICE),
                                verified("c2", 4, true, SERVICE), verified("c3", 4, true, SERVICE)),
                        score("20.00", 30, "0.00", false)),
                new Example("all fairly satisfied (80) less a delivery complaint (−10): exactly 70 is satisfied",
                        List.of(survey("s1", NOV_20, all("FAIRLY_SATISFIED")), verified("c1", 4, true, DELIVERY)),
                        score("80.00", 10, "70.00", true)),
                new Example("a verification delivered twice deducts once: 100 − 10 (c1, once) − 10 (c2) = 80",
                        List.of(survey("s1", NOV_20, all("VERY_SATISFIED")), verified("c1", 4, true, PRODUCT_QUALITY),
                                verified("c1", 4, true, PRODUCT_QUALITY), verified("c2", 4, true, PRODUCT_QUALITY)),
                        score("100.00", 20, "80.00", true)),
                new Example("a deduction before any survey: no score yet, 10 points waiting",
                        List.of(verified("c1", 4, true, SERVICE)), score(null, 10, null, null)),
                new Example("the survey answered after the deduction: 60 − 10 = 50",
                        List.of(verified("c1", 4, true, SERVICE), survey("s1", NOV_20, all("NEUTRAL"))),
                        score("60.00", 10, "50.00", false)),
                new Example("an earlier-answered response entered later does not count: stays 100",
                        List.of(survey("s1", NOV_20, all("VERY_SATISFIED")), survey("s2", OCT_01, all("NEUTRAL"))),
                        score("100.00", 0, "100.00", true)),
                new Example("a later-answered response replaces the base score: 100 → 60",
                        List.of(survey("s1", OCT_01, all("VERY_SATISFIED")), survey("s2", NOV_20, all("NEUTRAL"))),
                        score("60.00", 0, "60.00", false)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void scoresAsWorkedByHand(Example example) {
        FixtureConfiguration<Scorecard> fixture = new AggregateTestFixture<>(Scorecard.class);
        fixture.registerInjectableResource(ShippedConfiguration.scoringPolicy());
        fixture.registerInjectableResource(Clock.fixed(Instant.parse("2026-12-15T02:00:00Z"), ZoneOffset.UTC));
        List<Object> commands = example.commands();
        Object last = commands.get(commands.size() - 1);
        fixture.givenCommands(commands.subList(0, commands.size() - 1)).when(last)
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(scoreAfterwards(example.expected()));
    }
}

package com.servicedesk.events;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.servicedesk.events.intake.ComplaintCategory;
import com.servicedesk.events.satisfaction.DeductionAppliedEvent;
import com.servicedesk.events.satisfaction.DeductionCorrectedEvent;
import com.servicedesk.events.satisfaction.DeductionReversedEvent;
import com.servicedesk.events.satisfaction.ItemScore;
import com.servicedesk.events.satisfaction.SatisfactionEvents;
import com.servicedesk.events.satisfaction.Score;
import com.servicedesk.events.satisfaction.ScorecardEvent;
import com.servicedesk.events.satisfaction.SurveyResponseRecordedEvent;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Revision 1 of every scorecard event keeps reading from its stored JSON form, two-decimal scores included. */
class SatisfactionEventFixturesTest {
    private final ObjectMapper json = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    @Test
    void surveyResponseRecordedRevision1ReadsFromItsFixture() throws Exception {
        SurveyResponseRecordedEvent event = read("SurveyResponseRecorded.v1.json", SurveyResponseRecordedEvent.class);

        assertThat(event.scorecardId()).isEqualTo("CUST-42:2026");
        assertThat(event.year()).isEqualTo(2026);
        assertThat(event.respondedAt()).isEqualTo(Instant.parse("2026-11-20T07:00:00Z"));
        assertThat(event.items()).hasSize(2).first()
                .isEqualTo(new ItemScore("PRODUCT_QUALITY", "Product quality", 10, "SATISFIED", new BigDecimal("0.9"), new BigDecimal("9.00")));
        assertThat(event.baseScore()).isEqualTo(new BigDecimal("81.40"));
        assertThat(event.counted()).isTrue();
        assertThat(event.score()).isEqualTo(new Score(new BigDecimal("81.40"), 10, new BigDecimal("71.40"), true));
    }

    @Test
    void deductionEventsRevision1ReadFromTheirFixtures() throws Exception {
        DeductionAppliedEvent applied = read("DeductionApplied.v1.json", DeductionAppliedEvent.class);
        assertThat(applied.complaintId()).isEqualTo("c-0001");
        assertThat(applied.category()).isEqualTo(ComplaintCategory.PRODUCT_QUALITY);
        assertThat(applied.points()).isEqualTo(10);
        assertThat(applied.complaintSequence()).isEqualTo(4);
        assertThat(applied.score()).as("no survey yet").isEqualTo(new Score(null, 10, null, null));

        DeductionCorrectedEvent corrected = read("DeductionCorrected.v1.json", DeductionCorrectedEvent.class);
        assertThat(corrected.previousCategory()).isEqualTo(ComplaintCategory.PRODUCT_QUALITY);
        assertThat(corrected.previousPoints()).isEqualTo(10);
        assertThat(corrected.points()).isEqualTo(5);

        DeductionReversedEvent reversed = read("DeductionReversed.v1.json", DeductionReversedEvent.class);
        assertThat(reversed.points()).isEqualTo(5);
        assertThat(reversed.score().finalScore()).isEqualTo(new BigDecimal("81.40"));
    }

    @Test
    void everyScorecardEventNamesItsScorecardAndHasAType() {
        assertThat(SatisfactionEvents.PUBLISHED).allSatisfy(type -> {
            assertThat(ScorecardEvent.class).as(type.getSimpleName()).isAssignableFrom(type);
            assertThat(EventTypes.classOf(EventTypes.typeOf(type))).contains(type);
        });
        assertThat(EventTypes.typeOf(SurveyResponseRecordedEvent.class)).isEqualTo("SurveyResponseRecorded");
    }

    private <T> T read(String fixture, Class<T> type) throws Exception {
        try (InputStream in = getClass().getResourceAsStream("/fixtures/" + fixture)) {
            assertThat(in).as(fixture).isNotNull();
            return json.readValue(in, type);
        }
    }
}

package com.servicedesk.platform.projection;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RebuildJobTest {
    static final Instant START = Instant.parse("2026-11-21T08:00:00Z");

    @Test
    void beforeTheFirstEventTheEtaIsUnknown() {
        RebuildJob job = new RebuildJob("j", "p", START);
        job.eventsTotal = 1000;
        Map<String, Object> progress = job.describe(START);
        assertThat(progress).containsEntry("eventsDone", 0L).containsEntry("percent", 0L).containsEntry("eventsPerSecond", 0L);
        assertThat(progress.get("etaSeconds")).isNull();
    }

    @Test
    void rateAndEtaFollowTheEventsDone() {
        RebuildJob job = new RebuildJob("j", "p", START);
        job.eventsTotal = 1000;
        job.eventsDone = 250;
        Map<String, Object> progress = job.describe(START.plusSeconds(5));
        assertThat(progress).containsEntry("percent", 25L).containsEntry("eventsPerSecond", 50L).containsEntry("etaSeconds", 15L);
    }

    @Test
    void aFinishedJobReportsItsWholeRunAndNothingLeft() {
        RebuildJob job = new RebuildJob("j", "p", START);
        job.eventsTotal = 1000;
        job.eventsDone = 1200; // events published during the rebuild are applied too
        job.phase = RebuildJob.Phase.DONE;
        job.finishedAt = START.plusSeconds(4);
        Map<String, Object> progress = job.describe(START.plusSeconds(60));
        assertThat(progress).containsEntry("eventsTotal", 1200L).containsEntry("percent", 100L)
                .containsEntry("eventsPerSecond", 300L).containsEntry("etaSeconds", 0L);
    }
}

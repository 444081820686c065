package com.servicedesk.platform.projection;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** One rebuild's progress, written by the rebuilding thread and read by whoever asks. */
final class RebuildJob {
    enum Phase { REPLAYING, CATCHING_UP, SWAPPING, DONE, FAILED }

    final String id;
    final String projection;
    final Instant startedAt;
    volatile Phase phase = Phase.REPLAYING;
    volatile long eventsDone;
    volatile long eventsTotal;
    volatile Instant finishedAt;
    volatile String error;

    RebuildJob(String id, String projection, Instant startedAt) {
        this.id = id;
        this.projection = projection;
        this.startedAt = startedAt;
    }

    boolean running() {
        return phase != Phase.DONE && phase != Phase.FAILED;
    }

    /** Events per second since the start (over the whole run once finished). */
    double rate(Instant now) {
        double seconds = Duration.between(startedAt, finishedAt == null ? now : finishedAt).toMillis() / 1000.0;
        return seconds <= 0 ? 0 : eventsDone / seconds;
    }

    Map<String, Object> describe(Instant now) {
        double rate = rate(now);
        long remaining = Math.max(0, eventsTotal - eventsDone);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("jobId", id);
        answer.put("phase", phase.name());
        answer.put("eventsDone", eventsDone);
        answer.put("eventsTotal", Math.max(eventsTotal, eventsDone));
        answer.put("percent", eventsTotal == 0 ? (running() ? 0 : 100) : Math.min(100, Math.round(100.0 * eventsDone / eventsTotal)));
        answer.put("eventsPerSecond", Math.round(rate));
        Long eta = null; // unknown until the first events were applied
        if (!running()) {
            eta = 0L;
        } else if (rate > 0) {
            eta = Math.round(remaining / rate);
        }
        answer.put("etaSeconds", eta);
        answer.put("startedAt", startedAt);
        answer.put("finishedAt", finishedAt);
        answer.put("error", error);
        return answer;
    }
}

package com.servicedesk.platform.deadline;

import java.time.Duration;
import java.time.Instant;

/**
 * The state of a clock (DOMAIN.md, SLA clocks), the same for every clock of every service: stopped clocks by their
 * outcome, running ones BREACHED after their deadline, AT_RISK from their at-risk point, else ON_TRACK.
 */
public enum ClockState {
    ON_TRACK, AT_RISK, BREACHED, MET, MET_LATE;

    /** @param outcome MET or MET_LATE once the clock stopped, null while it runs */
    public static ClockState of(String outcome, Instant dueAt, Instant atRiskAt, Instant now) {
        if (outcome != null) {
            return valueOf(outcome);
        }
        if (now.isAfter(dueAt)) {
            return BREACHED;
        }
        return now.isBefore(atRiskAt) ? ON_TRACK : AT_RISK;
    }

    /** How a clock that stopped at {@code stoppedAt} ended. */
    public static ClockState stopped(Instant stoppedAt, Instant dueAt) {
        return stoppedAt.isAfter(dueAt) ? MET_LATE : MET;
    }

    /** When a clock running from {@code startedAt} to {@code dueAt} becomes AT_RISK, at {@code fraction} of its time. */
    public static Instant atRiskFrom(Instant startedAt, Instant dueAt, double fraction) {
        return startedAt.plusMillis((long) (Duration.between(startedAt, dueAt).toMillis() * fraction));
    }
}

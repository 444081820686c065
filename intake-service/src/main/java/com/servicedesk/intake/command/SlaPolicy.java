package com.servicedesk.intake.command;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Computes a complaint's deadlines at registration. The results are stored in the event, so a later change of these
 * settings applies to complaints registered after it and never rewrites history.
 */
public record SlaPolicy(Duration acknowledgeLimit, Duration replyLimit, ZoneId zone) {

    /** Receipt + 24 h: plain elapsed time, not working time (DOMAIN.md). */
    public Instant acknowledgeDue(Instant receivedAt) {
        return receivedAt.plus(acknowledgeLimit);
    }

    /** The earlier of the end (24:00 local) of the customer's requested date and receipt + 48 h. */
    public Instant replyDue(Instant receivedAt, LocalDate requestedBy) {
        Instant byLimit = receivedAt.plus(replyLimit);
        if (requestedBy == null) {
            return byLimit;
        }
        Instant endOfRequestedDay = requestedBy.plusDays(1).atStartOfDay(zone).toInstant();
        return endOfRequestedDay.isBefore(byLimit) ? endOfRequestedDay : byLimit;
    }

    public LocalDate localDate(Instant instant) {
        return instant.atZone(zone).toLocalDate();
    }
}

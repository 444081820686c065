package com.servicedesk.intake.command;

import com.servicedesk.events.intake.Region;
import com.servicedesk.platform.deadline.ClockState;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * Computes a complaint's deadlines. Every result is stored in the event that starts the clock, so a later change of
 * these settings or of the calendar applies to clocks started after it and never rewrites history; a clock already
 * running keeps the deadline it was given.
 *
 * @param acknowledgeLimit          first response after receipt: plain elapsed time (seed 000 §6.3: 24 h)
 * @param replyLimit                reply after receipt unless the customer asked for earlier (seed 003 §4.3.4: 48 h)
 * @param inProvinceWorkingDays     technician on site, in-province (seed 002 §3.1: 1 working day)
 * @param outOfProvinceWorkingDays  technician on site, out of province (seed 002 §3.1: 3 working days)
 * @param atRiskFraction            share of a clock's time after which it is AT_RISK (ours: 0.75)
 */
public record SlaPolicy(Duration acknowledgeLimit, Duration replyLimit, int inProvinceWorkingDays,
                        int outOfProvinceWorkingDays, double atRiskFraction, WorkingCalendar calendar) {

    public Instant acknowledgeDue(Instant receivedAt) {
        return receivedAt.plus(acknowledgeLimit);
    }

    /** The earlier of the end (24:00 local) of the customer's requested date and receipt + 48 h. */
    public Instant replyDue(Instant receivedAt, LocalDate requestedBy) {
        Instant byLimit = receivedAt.plus(replyLimit);
        if (requestedBy == null) {
            return byLimit;
        }
        Instant endOfRequestedDay = requestedBy.plusDays(1).atStartOfDay(zone()).toInstant();
        return endOfRequestedDay.isBefore(byLimit) ? endOfRequestedDay : byLimit;
    }

    /** The end of the 1st (in-province) or 3rd (out-of-province) working day after the receipt's local date. */
    public Instant onSiteDue(Instant receivedAt, Region region) {
        int days = region == Region.IN_PROVINCE ? inProvinceWorkingDays : outOfProvinceWorkingDays;
        return calendar.endOfWorkingDaysAfter(receivedAt, days);
    }

    /** When a clock running from {@code startedAt} to {@code dueAt} becomes AT_RISK. */
    public Instant atRiskFrom(Instant startedAt, Instant dueAt) {
        return ClockState.atRiskFrom(startedAt, dueAt, atRiskFraction);
    }

    public LocalDate localDate(Instant instant) {
        return calendar.localDate(instant);
    }

    public ZoneId zone() {
        return calendar.zone();
    }
}

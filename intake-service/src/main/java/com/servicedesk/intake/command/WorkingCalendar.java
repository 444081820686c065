package com.servicedesk.intake.command;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;

/**
 * Working days are Monday to Friday, minus the configured public holidays, plus the configured make-up working days
 * (a Saturday or Sunday declared a working day). "Within N working days of t" ends at 24:00 local time of the N-th
 * working day strictly after t's local date (DOMAIN.md): received Friday 15:00, 1 working day: end of Monday;
 * received Saturday: also end of Monday.
 */
public final class WorkingCalendar {
    /** A calendar that finds no working day in this many days is misconfigured, not slow. */
    private static final int SEARCH_LIMIT_DAYS = 366;

    private final ZoneId zone;
    private final Set<LocalDate> holidays;
    private final Set<LocalDate> extraWorkingDays;

    public WorkingCalendar(ZoneId zone, Set<LocalDate> holidays, Set<LocalDate> extraWorkingDays) {
        this.zone = zone;
        this.holidays = Set.copyOf(holidays);
        this.extraWorkingDays = Set.copyOf(extraWorkingDays);
    }

    public ZoneId zone() {
        return zone;
    }

    public boolean isWorkingDay(LocalDate day) {
        if (extraWorkingDays.contains(day)) {
            return true;
        }
        if (holidays.contains(day)) {
            return false;
        }
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    /** The end (24:00 local) of the {@code workingDays}-th working day strictly after {@code from}'s local date. */
    public Instant endOfWorkingDaysAfter(Instant from, int workingDays) {
        if (workingDays < 1) {
            throw new IllegalArgumentException("working days must be at least 1, not " + workingDays);
        }
        LocalDate day = from.atZone(zone).toLocalDate();
        int found = 0;
        for (int searched = 0; found < workingDays; searched++) {
            if (searched > SEARCH_LIMIT_DAYS * workingDays) {
                throw new IllegalStateException("no working day within " + searched + " days of " + day
                        + ": check servicedesk.calendar.holidays");
            }
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                found++;
            }
        }
        return day.plusDays(1).atStartOfDay(zone).toInstant();
    }

    public LocalDate localDate(Instant instant) {
        return instant.atZone(zone).toLocalDate();
    }
}

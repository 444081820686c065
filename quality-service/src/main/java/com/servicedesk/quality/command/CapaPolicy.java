package com.servicedesk.quality.command;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * When an action dated {@code dueDate} is due: the end (24:00) of that day in the calendar's zone, the same reading of
 * a date as intake's "requested by" date.
 */
public record CapaPolicy(ZoneId zone) {

    public Instant dueAt(LocalDate dueDate) {
        return dueDate.plusDays(1).atStartOfDay(zone).toInstant();
    }

    public LocalDate today(Instant now) {
        return now.atZone(zone).toLocalDate();
    }
}

package com.servicedesk.events.quality;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.time.LocalDate;

/**
 * Plan: an action of the current PDCA cycle, due at the end (24:00 local) of its due date.
 */
@Revision("1")
public record CapaActionPlannedEvent(
        String capaId,
        String actionId,
        int cycle,
        CapaActionType type,
        String description,
        String owner,
        LocalDate dueDate,
        Instant dueAt) {
}

package com.servicedesk.events.quality;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * An action was not complete at its due time.
 */
@Revision("1")
public record CapaActionOverdueEvent(
        String capaId,
        String actionId,
        int cycle,
        String owner,
        Instant dueAt) {
}

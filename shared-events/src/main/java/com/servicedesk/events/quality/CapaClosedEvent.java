package com.servicedesk.events.quality;

import org.axonframework.serialization.Revision;

/**
 * Closed: effective ({@code cycles} PDCA cycles were needed), or as continuous improvement after a first decision
 * that no action was needed.
 */
@Revision("1")
public record CapaClosedEvent(
        String capaId,
        CapaOutcome outcome,
        int cycles) {
}

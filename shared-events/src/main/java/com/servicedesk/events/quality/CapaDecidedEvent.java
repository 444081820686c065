package com.servicedesk.events.quality;

import org.axonframework.serialization.Revision;

/**
 * The first decision (seed 000 §6.6): action needed → the full CAPA; not needed → closed as continuous improvement.
 */
@Revision("1")
public record CapaDecidedEvent(
        String capaId,
        boolean actionNeeded,
        String rationale) {
}

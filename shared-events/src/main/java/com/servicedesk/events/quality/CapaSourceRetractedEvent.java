package com.servicedesk.events.quality;

import org.axonframework.serialization.Revision;

/**
 * The complaint it stems from was re-verified as not company-responsible product quality. Recorded, never deleted:
 * the CAPA may then be cancelled with a reason, or carried on if quality still sees a problem.
 */
@Revision("1")
public record CapaSourceRetractedEvent(
        String capaId,
        String sourceId,
        String reason) {
}

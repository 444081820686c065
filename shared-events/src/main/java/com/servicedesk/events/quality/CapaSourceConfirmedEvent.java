package com.servicedesk.events.quality;

import org.axonframework.serialization.Revision;

/**
 * The complaint was re-verified as company-responsible product quality again after a retraction.
 */
@Revision("1")
public record CapaSourceConfirmedEvent(
        String capaId,
        String sourceId) {
}

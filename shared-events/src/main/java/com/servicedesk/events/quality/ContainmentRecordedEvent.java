package com.servicedesk.events.quality;

import org.axonframework.serialization.Revision;

/**
 * Immediate containment taken while the root cause is sought (optional).
 */
@Revision("1")
public record ContainmentRecordedEvent(
        String capaId,
        String actions) {
}

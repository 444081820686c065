package com.servicedesk.events.quality;

import org.axonframework.serialization.Revision;

/**
 * Cancelled with a reason (its source was retracted, or an internal one opened by mistake).
 */
@Revision("1")
public record CapaCancelledEvent(
        String capaId,
        String reason) {
}

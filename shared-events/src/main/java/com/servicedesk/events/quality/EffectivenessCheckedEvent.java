package com.servicedesk.events.quality;

import org.axonframework.serialization.Revision;

/**
 * Check: were the actions of the cycle effective? Not effective starts the next cycle.
 */
@Revision("1")
public record EffectivenessCheckedEvent(
        String capaId,
        int cycle,
        boolean effective,
        String evidence) {
}

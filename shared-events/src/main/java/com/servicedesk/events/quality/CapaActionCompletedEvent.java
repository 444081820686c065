package com.servicedesk.events.quality;

import org.axonframework.serialization.Revision;

/**
 * Do: an action was completed, with evidence; {@code late} when after its due time.
 */
@Revision("1")
public record CapaActionCompletedEvent(
        String capaId,
        String actionId,
        int cycle,
        String evidence,
        boolean late) {
}

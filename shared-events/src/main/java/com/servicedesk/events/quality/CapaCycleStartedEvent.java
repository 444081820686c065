package com.servicedesk.events.quality;

import org.axonframework.serialization.Revision;

/**
 * Not effective: a new PDCA cycle starts (number {@code cycle}, 2 or more).
 */
@Revision("1")
public record CapaCycleStartedEvent(
        String capaId,
        int cycle) {
}

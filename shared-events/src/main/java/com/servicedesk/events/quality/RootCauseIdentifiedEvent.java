package com.servicedesk.events.quality;

import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * The root cause found in the current cycle, with the method used and the contributing factors.
 */
@Revision("1")
public record RootCauseIdentifiedEvent(
        String capaId,
        int cycle,
        RootCauseMethod method,
        String rootCause,
        List<String> contributingFactors) {
}

package com.servicedesk.events.quality;

import org.axonframework.serialization.Revision;

import java.util.List;

/**
 * Act: the effective measures became standard: the documents changed.
 */
@Revision("1")
public record CapaStandardizedEvent(
        String capaId,
        int cycle,
        List<String> documents) {
}

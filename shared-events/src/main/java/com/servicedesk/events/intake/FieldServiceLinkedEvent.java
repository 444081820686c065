package com.servicedesk.events.intake;

import org.axonframework.serialization.Revision;

/**
 * Field service opened service order {@code serviceOrderId} for the complaint's request {@code requestId}.
 */
@Revision("1")
public record FieldServiceLinkedEvent(
        String complaintId,
        String requestId,
        String serviceOrderId) {
}

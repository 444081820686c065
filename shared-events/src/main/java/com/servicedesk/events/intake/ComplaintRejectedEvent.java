package com.servicedesk.events.intake;

import org.axonframework.serialization.Revision;

/** Not a valid complaint (or a duplicate of another); every running clock stops without a breach. */
@Revision("1")
public record ComplaintRejectedEvent(String complaintId, String reason) {
}

package com.servicedesk.events.intake;

import org.axonframework.serialization.Revision;

/** Back to work after close; the customer must be answered again before the next close. */
@Revision("1")
public record ComplaintReopenedEvent(String complaintId, String reason) {
}

package com.servicedesk.events.intake;

import org.axonframework.serialization.Revision;

/** The first response reached the customer; stops the acknowledge clock at the event's time. */
@Revision("1")
public record ComplaintAcknowledgedEvent(String complaintId, String note) {
}

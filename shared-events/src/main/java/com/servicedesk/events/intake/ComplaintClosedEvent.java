package com.servicedesk.events.intake;

import org.axonframework.serialization.Revision;

@Revision("1")
public record ComplaintClosedEvent(String complaintId, String resolutionSummary) {
}

package com.servicedesk.events.intake;

import org.axonframework.serialization.Revision;

/** Category and severity set (again) after a closer look. */
@Revision("1")
public record ComplaintClassifiedEvent(String complaintId, ComplaintCategory category, Severity severity) {
}

package com.servicedesk.events.intake;

import org.axonframework.serialization.Revision;

/** The customer was given the answer; stops the reply clock at the event's time. */
@Revision("1")
public record ComplaintRepliedEvent(String complaintId, ReplyMethod method, String message) {
}

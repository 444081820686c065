package com.servicedesk.intake.command;

import java.time.Instant;

/**
 * What registering a complaint answers: the deadlines the aggregate computed, so the caller need not read them back
 * from the event store. {@code version} is the sequence of the registration event, always the first.
 */
public record ComplaintRegistration(String complaintId, long version, Instant acknowledgeDueAt, Instant replyDueAt) {
}

package com.servicedesk.events.intake;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A clock passed its deadline while still running; raised once per clock, even if nobody touched the complaint. */
@Revision("1")
public record SlaBreachedEvent(String complaintId, SlaClock clock, Instant dueAt) {
}

package com.servicedesk.events.intake;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** A running clock used the at-risk share (75%) of its time; raised once per clock. */
@Revision("1")
public record SlaAtRiskEvent(String complaintId, SlaClock clock, Instant dueAt) {
}

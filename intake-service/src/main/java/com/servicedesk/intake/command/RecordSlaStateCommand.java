package com.servicedesk.intake.command;

import com.servicedesk.events.intake.SlaClock;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sent by the SLA watch when a clock's at-risk point or deadline has passed. The aggregate raises the event only if
 * the clock is still running and has not raised it before, so the watch may send it as often as it likes.
 */
public record RecordSlaStateCommand(@TargetAggregateIdentifier String complaintId, SlaClock clock, Kind kind) {
    public enum Kind { AT_RISK, BREACHED }
}

package com.servicedesk.intake.command;

import com.servicedesk.events.intake.SlaClock;
import com.servicedesk.platform.deadline.DeadlineStage;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sent by platform's deadline watch when a clock's at-risk point or deadline has passed. The aggregate raises the event only if
 * the clock is still running and has not raised it before, so the watch may send it as often as it likes.
 */
public record RecordSlaStateCommand(@TargetAggregateIdentifier String complaintId, SlaClock clock, DeadlineStage stage) {
}

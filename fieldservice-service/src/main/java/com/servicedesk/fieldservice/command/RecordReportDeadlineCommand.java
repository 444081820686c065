package com.servicedesk.fieldservice.command;

import com.servicedesk.platform.deadline.DeadlineStage;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sent by platform's deadline watch when the report's at-risk point or due time has passed; the order raises
 * each stage once, and only while the report is still missing.
 */
public record RecordReportDeadlineCommand(@TargetAggregateIdentifier String serviceOrderId, DeadlineStage stage) {
}

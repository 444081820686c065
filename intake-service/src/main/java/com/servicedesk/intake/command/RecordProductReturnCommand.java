package com.servicedesk.intake.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RecordProductReturnCommand(@TargetAggregateIdentifier String complaintId, String returnId, Integer quantity, String reason) {
}

package com.servicedesk.intake.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RequestFieldServiceCommand(@TargetAggregateIdentifier String complaintId, String requestId, String reason) {
}

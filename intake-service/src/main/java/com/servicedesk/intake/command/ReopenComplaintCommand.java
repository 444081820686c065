package com.servicedesk.intake.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ReopenComplaintCommand(@TargetAggregateIdentifier String complaintId, String reason) {
}

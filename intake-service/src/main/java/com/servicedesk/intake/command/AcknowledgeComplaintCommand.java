package com.servicedesk.intake.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record AcknowledgeComplaintCommand(@TargetAggregateIdentifier String complaintId, String note) {
}

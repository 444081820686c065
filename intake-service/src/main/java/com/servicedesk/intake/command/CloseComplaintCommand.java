package com.servicedesk.intake.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CloseComplaintCommand(@TargetAggregateIdentifier String complaintId, String resolutionSummary) {
}

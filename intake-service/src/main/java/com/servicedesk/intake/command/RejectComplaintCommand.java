package com.servicedesk.intake.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RejectComplaintCommand(@TargetAggregateIdentifier String complaintId, String reason) {
}

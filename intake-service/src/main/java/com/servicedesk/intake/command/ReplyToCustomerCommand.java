package com.servicedesk.intake.command;

import com.servicedesk.events.intake.ReplyMethod;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ReplyToCustomerCommand(@TargetAggregateIdentifier String complaintId, ReplyMethod method, String message) {
}

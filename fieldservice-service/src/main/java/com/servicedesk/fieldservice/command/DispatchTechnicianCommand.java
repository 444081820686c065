package com.servicedesk.fieldservice.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DispatchTechnicianCommand(@TargetAggregateIdentifier String serviceOrderId, String taskBrief) {
}

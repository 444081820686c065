package com.servicedesk.fieldservice.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CancelServiceOrderCommand(@TargetAggregateIdentifier String serviceOrderId, String reason) {
}

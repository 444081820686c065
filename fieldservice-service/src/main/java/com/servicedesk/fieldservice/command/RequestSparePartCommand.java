package com.servicedesk.fieldservice.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RequestSparePartCommand(@TargetAggregateIdentifier String serviceOrderId, String partRequestId, String partNumber, Integer quantity) {
}

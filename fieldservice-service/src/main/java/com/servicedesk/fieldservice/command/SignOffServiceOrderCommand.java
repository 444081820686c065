package com.servicedesk.fieldservice.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record SignOffServiceOrderCommand(@TargetAggregateIdentifier String serviceOrderId, String signedBy, String comments) {
}

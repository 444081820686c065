package com.servicedesk.fieldservice.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ShipSparePartCommand(@TargetAggregateIdentifier String serviceOrderId, String partRequestId, String carrier, String trackingNumber) {
}

package com.servicedesk.fieldservice.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record RecordArrivalCommand(@TargetAggregateIdentifier String serviceOrderId, Instant arrivedAt) {
}

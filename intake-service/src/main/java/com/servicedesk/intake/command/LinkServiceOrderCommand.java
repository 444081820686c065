package com.servicedesk.intake.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Field service opened an order for one of the complaint's requests (from {@code ServiceOrderOpened}). */
public record LinkServiceOrderCommand(@TargetAggregateIdentifier String complaintId, String requestId, String serviceOrderId) {
}

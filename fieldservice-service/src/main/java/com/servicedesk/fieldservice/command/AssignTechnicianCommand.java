package com.servicedesk.fieldservice.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

public record AssignTechnicianCommand(@TargetAggregateIdentifier String serviceOrderId, String technicianId, Instant plannedVisitAt) {
}

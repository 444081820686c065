package com.servicedesk.quality.command;

import com.servicedesk.events.quality.CapaActionType;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.LocalDate;

public record PlanCapaActionCommand(@TargetAggregateIdentifier String capaId, String actionId, CapaActionType type, String description, String owner, LocalDate dueDate) {
}

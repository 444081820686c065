package com.servicedesk.quality.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CheckEffectivenessCommand(@TargetAggregateIdentifier String capaId, Boolean effective, String evidence) {
}

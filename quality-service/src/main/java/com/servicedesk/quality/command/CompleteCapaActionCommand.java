package com.servicedesk.quality.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CompleteCapaActionCommand(@TargetAggregateIdentifier String capaId, String actionId, String evidence) {
}

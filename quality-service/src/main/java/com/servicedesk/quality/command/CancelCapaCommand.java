package com.servicedesk.quality.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CancelCapaCommand(@TargetAggregateIdentifier String capaId, String reason) {
}

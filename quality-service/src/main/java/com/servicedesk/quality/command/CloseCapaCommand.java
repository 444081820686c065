package com.servicedesk.quality.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record CloseCapaCommand(@TargetAggregateIdentifier String capaId) {
}

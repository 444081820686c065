package com.servicedesk.quality.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DecideCapaCommand(@TargetAggregateIdentifier String capaId, Boolean actionNeeded, String rationale) {
}

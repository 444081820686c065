package com.servicedesk.quality.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record RecordContainmentCommand(@TargetAggregateIdentifier String capaId, String actions) {
}

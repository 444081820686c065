package com.servicedesk.quality.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

public record StandardizeCapaCommand(@TargetAggregateIdentifier String capaId, List<String> documents) {
}

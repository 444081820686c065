package com.servicedesk.quality.command;

import com.servicedesk.events.quality.RootCauseMethod;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

public record IdentifyRootCauseCommand(@TargetAggregateIdentifier String capaId, RootCauseMethod method, String rootCause, List<String> contributingFactors) {
}

package com.servicedesk.quality.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Sent by platform's deadline watch once an action's due time has passed; the CAPA raises it once, only if the
 * action is still open.
 */
public record RecordActionOverdueCommand(@TargetAggregateIdentifier String capaId, String actionId) {
}

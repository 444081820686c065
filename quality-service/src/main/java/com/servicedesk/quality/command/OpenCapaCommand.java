package com.servicedesk.quality.command;

import com.servicedesk.events.quality.CapaSource;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Opens a CAPA. The id of an automatic one is derived from its source, so the same source cannot open two.
 */
public record OpenCapaCommand(@TargetAggregateIdentifier String capaId, CapaSource source, String sourceId, String complaintId, String problemStatement) {
}

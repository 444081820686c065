package com.servicedesk.quality.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The complaint behind the CAPA is company-responsible product quality again after a retraction.
 */
public record ConfirmCapaSourceCommand(@TargetAggregateIdentifier String capaId) {
}

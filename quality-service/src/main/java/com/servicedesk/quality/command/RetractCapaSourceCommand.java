package com.servicedesk.quality.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The complaint behind the CAPA is no longer company-responsible product quality (from a changed verification).
 */
public record RetractCapaSourceCommand(@TargetAggregateIdentifier String capaId, String reason) {
}

package com.servicedesk.intake.command;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** A technician arrived on site for the complaint (from {@code TechnicianArrived}). */
public record RecordOnSiteArrivalCommand(@TargetAggregateIdentifier String complaintId, String requestId, String serviceOrderId,
                                         Instant arrivedAt) {
}

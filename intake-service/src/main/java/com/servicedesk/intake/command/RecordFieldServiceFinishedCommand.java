package com.servicedesk.intake.command;

import com.servicedesk.events.fieldservice.ServiceResult;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A service order of the complaint was completed or cancelled (from {@code ServiceOrderCompleted/Cancelled}). */
public record RecordFieldServiceFinishedCommand(@TargetAggregateIdentifier String complaintId, String requestId,
                                                String serviceOrderId, boolean cancelled, ServiceResult result) {
}

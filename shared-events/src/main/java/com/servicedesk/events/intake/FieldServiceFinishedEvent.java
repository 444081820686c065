package com.servicedesk.events.intake;

import com.servicedesk.events.fieldservice.ServiceResult;
import org.axonframework.serialization.Revision;

/**
 * A service order of the complaint is no longer in progress: completed (with its result) or cancelled. A complaint
 * closes only when all its orders are finished.
 *
 * @param result the result of a completed order; null for a cancelled one
 */
@Revision("1")
public record FieldServiceFinishedEvent(
        String complaintId,
        String requestId,
        String serviceOrderId,
        boolean cancelled,
        ServiceResult result) {
}

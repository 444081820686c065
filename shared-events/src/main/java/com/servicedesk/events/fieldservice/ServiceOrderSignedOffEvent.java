package com.servicedesk.events.fieldservice;

import org.axonframework.serialization.Revision;

/**
 * The customer accepted the work (验收签字). The comments are the customer's words on this visit, not a survey.
 */
@Revision("1")
public record ServiceOrderSignedOffEvent(
        String serviceOrderId,
        String complaintId,
        String signedBy,
        String comments) {
}

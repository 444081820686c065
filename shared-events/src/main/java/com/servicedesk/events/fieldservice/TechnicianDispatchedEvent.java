package com.servicedesk.events.fieldservice;

import org.axonframework.serialization.Revision;

/**
 * The technician left for the site with a task brief (seed 000 §6.5 (5)).
 */
@Revision("1")
public record TechnicianDispatchedEvent(
        String serviceOrderId,
        String complaintId,
        String technicianId,
        String taskBrief) {
}

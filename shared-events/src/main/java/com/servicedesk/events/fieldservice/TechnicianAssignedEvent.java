package com.servicedesk.events.fieldservice;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * A technician was assigned, or reassigned before arrival ({@code previousTechnicianId} is then set).
 */
@Revision("1")
public record TechnicianAssignedEvent(
        String serviceOrderId,
        String complaintId,
        String technicianId,
        Instant plannedVisitAt,
        String previousTechnicianId) {
}

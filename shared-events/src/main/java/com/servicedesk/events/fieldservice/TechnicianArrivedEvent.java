package com.servicedesk.events.fieldservice;

import com.servicedesk.events.intake.Region;
import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The technician is on site; {@code onTime} compares {@code arrivedAt} with the on-site deadline.
 */
@Revision("1")
public record TechnicianArrivedEvent(
        String serviceOrderId,
        String complaintId,
        String requestId,
        String technicianId,
        Region region,
        Instant arrivedAt,
        Instant onSiteDueAt,
        boolean onTime) {
}

package com.servicedesk.events.quality;

import org.axonframework.serialization.Revision;

/**
 * A corrective / preventive action record opened: automatically from a complaint verified as company-responsible
 * product quality or from a service report with cause {@code PRODUCT_DEFECT}, or by hand for an internal
 * nonconformity. One per source.
 *
 * @param sourceId    the complaint, the service order, or null for an internal one
 * @param complaintId the complaint it stems from, or null for an internal one
 */
@Revision("1")
public record CapaOpenedEvent(
        String capaId,
        CapaSource source,
        String sourceId,
        String complaintId,
        String problemStatement) {
}

package com.servicedesk.events.fieldservice;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/**
 * The service report (售后服务报告单) was submitted; {@code late} when after its due time. It repeats the verified
 * cause and the product so quality can act on a {@code PRODUCT_DEFECT} without asking field service.
 */
@Revision("1")
public record ServiceReportSubmittedEvent(
        String serviceOrderId,
        String complaintId,
        String customerId,
        String productModel,
        String serialNumber,
        boolean faultConfirmed,
        FaultCause cause,
        String summary,
        String qualityFindings,
        Instant reportDueAt,
        boolean late) {
}

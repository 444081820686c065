package com.servicedesk.fieldservice.web;

import com.servicedesk.events.fieldservice.FaultCause;
import com.servicedesk.events.fieldservice.ServiceResult;

import java.time.Instant;
import java.time.LocalDate;

/** The bodies of the service order's command endpoints (API.md). Validation is the aggregate's job. */
final class ServiceOrderRequests {
    private ServiceOrderRequests() {
    }

    record Assign(String technicianId, Instant plannedVisitAt) {
    }

    record Dispatch(String taskBrief) {
    }

    record Arrival(Instant arrivedAt) {
    }

    /** {@code deliveryDate}: read on site (nameplate, delivery note) when the complaint gave none. */
    record FaultVerification(Boolean faultConfirmed, String description, FaultCause cause, String witnessedBy,
                             LocalDate deliveryDate) {
    }

    record SparePart(String partNumber, Integer quantity) {
    }

    record Shipment(String carrier, String trackingNumber) {
    }

    record Completion(String workPerformed, ServiceResult result) {
    }

    record SignOff(String signedBy, String comments) {
    }

    record Report(String summary, String qualityFindings) {
    }

    record Cancellation(String reason) {
    }
}

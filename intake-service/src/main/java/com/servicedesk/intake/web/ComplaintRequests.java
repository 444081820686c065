package com.servicedesk.intake.web;

import com.servicedesk.events.intake.ComplaintCategory;
import com.servicedesk.events.intake.ReplyMethod;
import com.servicedesk.events.intake.Severity;

/** The bodies of the complaint's command endpoints (API.md). Validation is the aggregate's job. */
final class ComplaintRequests {
    private ComplaintRequests() {
    }

    record Acknowledge(String note) {
    }

    record Classify(ComplaintCategory category, Severity severity) {
    }

    record RequestFieldService(String reason) {
    }

    record Verify(Boolean companyResponsible, ComplaintCategory confirmedCategory, String findings) {
    }

    record Reply(ReplyMethod method, String message) {
    }

    record ProductReturn(Integer quantity, String reason) {
    }

    record Close(String resolutionSummary) {
    }

    record Reason(String reason) {
    }
}

package com.servicedesk.quality.web;

import com.servicedesk.events.quality.CapaActionType;
import com.servicedesk.events.quality.CapaSource;
import com.servicedesk.events.quality.RootCauseMethod;

import java.time.LocalDate;
import java.util.List;

/** The bodies of the CAPA's command endpoints (API.md, CAPA). Validation is the aggregate's job. */
final class CapaRequests {
    private CapaRequests() {
    }

    record Open(String problemStatement, CapaSource source) {
    }

    record Decision(Boolean actionNeeded, String rationale) {
    }

    record Containment(String actions) {
    }

    record RootCause(RootCauseMethod method, String rootCause, List<String> contributingFactors) {
    }

    record Action(CapaActionType type, String description, String owner, LocalDate dueDate) {
    }

    record ActionCompletion(String evidence) {
    }

    record EffectivenessCheck(Boolean effective, String evidence) {
    }

    record Standardization(List<String> documents) {
    }

    record Reason(String reason) {
    }
}

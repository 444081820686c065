package com.servicedesk.intake.web;

import com.servicedesk.platform.audit.EventHistory;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.List;
import java.util.Map;

@RestController
public class ComplaintAuditController {
    private final EventHistory history;

    public ComplaintAuditController(EventHistory history) {
        this.history = history;
    }

    @GetMapping(path = "/api/v1/audit/complaints/{complaintId}/events", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('AUDITOR')")
    public List<Map<String, Object>> events(@PathVariable String complaintId) {
        return history.of("Complaint", complaintId);
    }

    /** Recomputes the stream's hash chain from the stored events: {valid, events, firstBrokenSequence, head}. */
    @GetMapping(path = "/api/v1/audit/complaints/{complaintId}/integrity", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('AUDITOR')")
    public Map<String, Object> integrity(@PathVariable String complaintId) {
        return history.integrity("Complaint", complaintId);
    }
}

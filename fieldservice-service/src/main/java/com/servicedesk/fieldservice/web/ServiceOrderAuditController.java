package com.servicedesk.fieldservice.web;

import com.servicedesk.platform.audit.EventHistory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

import java.util.Map;

@RestController
public class ServiceOrderAuditController {
    private final EventHistory history;

    public ServiceOrderAuditController(EventHistory history) {
        this.history = history;
    }

    /** Every stored event in order, as a JSON array or, with {@code ?format=jsonl}, one per line for export. */
    @GetMapping(path = "/api/v1/audit/service-orders/{serviceOrderId}/events")
    @PreAuthorize("hasRole('AUDITOR')")
    public ResponseEntity<StreamingResponseBody> events(@PathVariable String serviceOrderId, @RequestParam(required = false) String format) {
        return history.export("Service order", serviceOrderId, format);
    }

    /** Recomputes the stream's hash chain from the stored events: {valid, events, firstBrokenSequence, head}. */
    @GetMapping(path = "/api/v1/audit/service-orders/{serviceOrderId}/integrity", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('AUDITOR')")
    public Map<String, Object> integrity(@PathVariable String serviceOrderId) {
        return history.integrity("Service order", serviceOrderId);
    }
}

package com.servicedesk.reporting.web;

import com.servicedesk.platform.validation.CommandValidationException;
import com.servicedesk.platform.validation.FieldViolation;
import com.servicedesk.reporting.query.ComplaintTraceQuery;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/audit/complaints/{id}/trace} (AUDITOR): every event in every service that stems from the complaint,
 * in time order (see {@link ComplaintTraceQuery}). The gateway routes this one path of intake's audit tree here.
 * {@code ?format=jsonl} gives the same events one JSON object per line ({@code application/x-ndjson}) for export.
 */
@RestController
public class ComplaintTraceController {
    static final MediaType JSON_LINES = MediaType.parseMediaType("application/x-ndjson");

    private final ComplaintTraceQuery traces;
    private final JsonMapper json;

    public ComplaintTraceController(ComplaintTraceQuery traces, JsonMapper json) {
        this.traces = traces;
        this.json = json;
    }

    @GetMapping(path = "/api/v1/audit/complaints/{complaintId}/trace")
    @PreAuthorize("hasRole('AUDITOR')")
    public ResponseEntity<?> trace(@PathVariable String complaintId, @RequestParam(required = false) String format) {
        if (format == null || format.equals("json")) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(traces.trace(complaintId));
        }
        if (!format.equals("jsonl")) {
            throw new CommandValidationException(List.of(new FieldViolation("format", "must be json or jsonl")));
        }
        // a complaint's story is tens to hundreds of events: written from memory, no streaming needed
        StringBuilder lines = new StringBuilder();
        for (Map<String, Object> event : traces.events(complaintId)) {
            lines.append(json.writeValueAsString(event)).append('\n');
        }
        return ResponseEntity.ok().contentType(JSON_LINES)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"complaint-"
                        + complaintId.replaceAll("[^A-Za-z0-9._-]", "_") + "-trace.jsonl\"")
                .body(lines.toString().getBytes(StandardCharsets.UTF_8));
    }
}

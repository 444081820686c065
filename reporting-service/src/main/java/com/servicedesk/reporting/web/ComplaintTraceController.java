package com.servicedesk.reporting.web;

import com.servicedesk.platform.audit.ExportFormat;
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
import java.util.Map;

/**
 * {@code GET /api/v1/audit/complaints/{id}/trace} (AUDITOR): every event in every service that stems from the complaint,
 * in time order (see {@link ComplaintTraceQuery}). The gateway routes this one path of intake's audit tree here.
 * {@code ?format=jsonl} gives the same events one JSON object per line ({@code application/x-ndjson}) for export.
 */
@RestController
public class ComplaintTraceController {
    private final ComplaintTraceQuery traces;
    private final JsonMapper json;

    public ComplaintTraceController(ComplaintTraceQuery traces, JsonMapper json) {
        this.traces = traces;
        this.json = json;
    }

    @GetMapping(path = "/api/v1/audit/complaints/{complaintId}/trace")
    @PreAuthorize("hasRole('AUDITOR')")
    public ResponseEntity<?> trace(@PathVariable String complaintId, @RequestParam(required = false) String format) {
        if (!ExportFormat.isJsonLines(format)) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(traces.trace(complaintId));
        }
        // a complaint's story is tens to hundreds of events: written from memory, no streaming needed
        StringBuilder lines = new StringBuilder();
        for (Map<String, Object> event : traces.events(complaintId)) {
            lines.append(json.writeValueAsString(event)).append('\n');
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_NDJSON)
                .header(HttpHeaders.CONTENT_DISPOSITION, ExportFormat.attachment("complaint", complaintId, "trace"))
                .body(lines.toString().getBytes(StandardCharsets.UTF_8));
    }
}

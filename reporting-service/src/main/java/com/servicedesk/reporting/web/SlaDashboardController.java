package com.servicedesk.reporting.web;

import com.servicedesk.events.intake.ComplaintCategory;
import com.servicedesk.events.intake.Region;
import com.servicedesk.reporting.query.SlaDashboardQuery;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.servicedesk.platform.validation.CommandValidationException;
import com.servicedesk.platform.validation.FieldViolation;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/dashboard/sla}. For now the complaint counts; clocks, breaches, KPIs and as-of answers from the
 * event history come with the read-side issue.
 */
@RestController
public class SlaDashboardController {
    private final SlaDashboardQuery dashboard;

    public SlaDashboardController(SlaDashboardQuery dashboard) {
        this.dashboard = dashboard;
    }

    @GetMapping(path = "/api/v1/dashboard/sla", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('ANALYST')")
    public Map<String, Object> sla(@RequestParam(required = false) Region region,
                                   @RequestParam(required = false) ComplaintCategory category,
                                   @RequestParam(required = false) String asOf) {
        if (asOf != null) {
            // refused rather than silently answered with today's numbers
            throw new CommandValidationException(List.of(new FieldViolation("asOf", "as-of answers are not available yet")));
        }
        return dashboard.dashboard(Instant.now(), region, category);
    }
}

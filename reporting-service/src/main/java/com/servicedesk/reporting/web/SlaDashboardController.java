package com.servicedesk.reporting.web;

import com.servicedesk.events.intake.ComplaintCategory;
import com.servicedesk.events.intake.Region;
import com.servicedesk.platform.validation.CommandValidationException;
import com.servicedesk.platform.validation.FieldViolation;
import com.servicedesk.reporting.query.SlaDashboard;
import com.servicedesk.reporting.query.SlaDashboardQuery;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/** {@code GET /api/v1/dashboard/sla}: live, or {@code asOf} an earlier instant (what the system had recorded by then). */
@RestController
public class SlaDashboardController {
    private final SlaDashboardQuery dashboard;
    private final Clock clock;

    public SlaDashboardController(SlaDashboardQuery dashboard, Clock clock) {
        this.dashboard = dashboard;
        this.clock = clock;
    }

    @GetMapping(path = "/api/v1/dashboard/sla", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('ANALYST')")
    public SlaDashboard sla(@RequestParam(required = false) Region region,
                                   @RequestParam(required = false) ComplaintCategory category,
                                   @RequestParam(required = false) String asOf) {
        Instant now = clock.instant();
        if (asOf == null || asOf.isBlank()) {
            return dashboard.dashboard(now, true, region, category);
        }
        Instant at = parse(asOf);
        if (at.isAfter(now)) {
            // the dashboard answers what was recorded, it does not forecast
            throw new CommandValidationException(List.of(new FieldViolation("asOf", "must not be in the future")));
        }
        return dashboard.dashboard(at, false, region, category);
    }

    private static Instant parse(String asOf) {
        try {
            return OffsetDateTime.parse(asOf).toInstant();
        } catch (DateTimeParseException e) {
            throw new CommandValidationException(List.of(new FieldViolation("asOf",
                    "must be an ISO-8601 instant with offset, e.g. 2026-03-01T08:00:00Z")));
        }
    }
}

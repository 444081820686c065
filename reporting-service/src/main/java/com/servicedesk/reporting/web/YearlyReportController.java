package com.servicedesk.reporting.web;

import com.servicedesk.platform.validation.CommandValidationException;
import com.servicedesk.platform.validation.FieldViolation;
import com.servicedesk.reporting.query.YearlyReportQuery;
import com.servicedesk.reporting.report.YearlyReport;
import com.servicedesk.reporting.report.YearlyReportDocument;
import com.servicedesk.reporting.report.YearlyReportPdf;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code GET /api/v1/reports/yearly/{year}?customerId=}: the yearly service summary report as JSON, HTML with charts
 * or PDF, by the Accept header. The three are rendered from one computed record, so every number is the same in each.
 */
@RestController
public class YearlyReportController {
    private static final int FIRST_YEAR = 2000;
    private static final int LAST_YEAR = 2100;

    private final YearlyReportQuery reports;

    public YearlyReportController(YearlyReportQuery reports) {
        this.reports = reports;
    }

    @GetMapping(path = "/api/v1/reports/yearly/{year}", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('ANALYST')")
    public YearlyReport json(@PathVariable int year, @RequestParam(required = false) String customerId) {
        return report(year, customerId);
    }

    @GetMapping(path = "/api/v1/reports/yearly/{year}", produces = MediaType.TEXT_HTML_VALUE)
    @PreAuthorize("hasRole('ANALYST')")
    public ResponseEntity<String> html(@PathVariable int year, @RequestParam(required = false) String customerId) {
        return ResponseEntity.ok().contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                .body(YearlyReportDocument.html(report(year, customerId)));
    }

    @GetMapping(path = "/api/v1/reports/yearly/{year}", produces = MediaType.APPLICATION_PDF_VALUE)
    @PreAuthorize("hasRole('ANALYST')")
    public ResponseEntity<byte[]> pdf(@PathVariable int year, @RequestParam(required = false) String customerId) {
        byte[] pdf = YearlyReportPdf.pdf(report(year, customerId));
        String name = "service-summary-" + year + (customerId == null ? "" : "-" + customerId.replaceAll("[^A-Za-z0-9_-]", "_")) + ".pdf";
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename(name).build().toString())
                .body(pdf);
    }

    private YearlyReport report(int year, String customerId) {
        if (year < FIRST_YEAR || year > LAST_YEAR) {
            throw new CommandValidationException(List.of(new FieldViolation("year", "must be between " + FIRST_YEAR + " and " + LAST_YEAR)));
        }
        if (customerId != null && customerId.isBlank()) {
            throw new CommandValidationException(List.of(new FieldViolation("customerId", "must not be blank")));
        }
        return reports.report(year, customerId);
    }
}

package com.servicedesk.satisfaction.web;

import com.servicedesk.platform.web.NotFoundException;
import com.servicedesk.satisfaction.command.ScorecardId;
import com.servicedesk.satisfaction.query.ScorecardQuery;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.util.Map;

@RestController
@RequestMapping(path = "/api/v1/scorecards", produces = MediaType.APPLICATION_JSON_VALUE)
public class ScorecardController {
    private final ScorecardQuery scorecards;

    public ScorecardController(ScorecardQuery scorecards) {
        this.scorecards = scorecards;
    }

    @GetMapping("/{customerId}/{year}")
    public Map<String, Object> get(@PathVariable String customerId, @PathVariable int year) {
        String scorecardId = ScorecardId.of(customerId, year);
        return scorecards.byId(scorecardId).orElseThrow(() -> new NotFoundException("Scorecard", scorecardId));
    }

    @GetMapping
    @PreAuthorize("hasRole('ANALYST')")
    public Map<String, Object> list(@RequestParam(required = false) Integer year,
                                    @RequestParam(required = false) BigDecimal below,
                                    @RequestParam(defaultValue = "0") int page,
                                    @RequestParam(defaultValue = "20") int size) {
        return scorecards.list(year, below, Math.max(page, 0), Math.min(Math.max(size, 1), 200));
    }

    /** Per-item means of the year's counted survey responses, weakest first (the yearly report's "weakest items"). */
    @GetMapping("/item-means")
    @PreAuthorize("hasRole('ANALYST')")
    public Map<String, Object> itemMeans(@RequestParam int year) {
        return scorecards.itemMeans(year);
    }
}

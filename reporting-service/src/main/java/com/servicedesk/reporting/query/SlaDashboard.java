package com.servicedesk.reporting.query;

import com.servicedesk.events.intake.ComplaintCategory;
import com.servicedesk.events.intake.Region;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The SLA dashboard of API.md at one instant: live, or as of an earlier one.
 *
 * @param clocks       per clock ("acknowledge", "reply", "onSite", "report") the count in each {@code ClockState}
 * @param breachesTotal every breached clock; {@code breaches} lists the oldest (servicedesk.reporting.breaches-listed)
 */
public record SlaDashboard(Instant asOf, boolean live, Filters filters, Complaints complaints,
                           Map<String, Map<String, Long>> clocks, List<DueClock> dueToday, long breachesTotal,
                           List<Breach> breaches, List<Kpi> kpis) {

    public record Filters(Region region, ComplaintCategory category) {
    }

    /** Complaints recorded by the instant; {@code byStatus} counts each status present. */
    public record Complaints(long registered, long open, long closed, Map<String, Long> byStatus) {
    }

    /** A running clock due today (local day), with its state at the instant. */
    public record DueClock(String complaintId, String serviceOrderId, String clock, Instant dueAt, String link,
                           String state) {
    }

    /** A running clock past its deadline, with the hours it is overdue at the instant. */
    public record Breach(String complaintId, String serviceOrderId, String clock, Instant dueAt, String link,
                         double overdueHours, String region, String category) {
    }
}

package com.servicedesk.reporting.report;

import com.servicedesk.reporting.query.Kpi;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The yearly service summary report (DOMAIN.md; seed 003 §4.6) in API.md's shape: what {@code YearlyReportQuery}
 * computes, and all that the JSON, the HTML and the PDF print. Rates are shares 0..1, null when there was nothing to
 * measure; counts per code list every code of the enum, in its order.
 *
 * @param customerId   the customer the report is for, null for all customers
 * @param zone         the calendar zone of the year and of every date printed
 * @param handlingRate closed ÷ registered
 */
public record YearlyReport(int year, String customerId, String zone, Instant generatedAt, Complaints complaints,
                           Returns returns, Clocks clocks, Double handlingRate, TimeToClose timeToClose,
                           FieldService fieldService, Capa capa, Satisfaction satisfaction, List<Suggestion> suggestions,
                           List<Improvement> improvements, List<Kpi> kpis) {

    /** The year's complaints, by the local year of their receipt. */
    public record Complaints(long total, Map<String, Long> byCategory, Map<String, Long> byChannel,
                             Map<String, Long> byRegion, Map<String, Long> bySeverity, long companyResponsible,
                             long closed, long open, long rejected) {
    }

    /** Product returns recorded on the year's complaints. */
    public record Returns(long count, long quantity) {
    }

    public record Clocks(Clock acknowledge, Clock reply, Clock onSite, Clock report) {
    }

    /** One kind of SLA clock: on time ÷ (on time + late + breached while running); running ones are not judged yet. */
    public record Clock(Double onTimeRate, long met, long metLate, long breached, long running) {
    }

    public record TimeToClose(long closed, Double medianHours, Double p90Hours) {
    }

    /** The service orders of the year's complaints; a failure is a completed order not resolved, or late on site. */
    public record FieldService(long orders, long completed, long cancelled, long inWarranty, long paid,
                               Double firstVisitFixRate, long sparePartsShipped, long failed, Double failureRate) {
    }

    /** CAPAs opened in the year. */
    public record Capa(long opened, long closed, long cancelled, long overdue, long effectiveFirstCycle,
                       List<RootCause> topRootCauses) {
    }

    public record RootCause(String method, String rootCause, long count) {
    }

    /** The year's scorecards: surveyed ones for the scores, all for the deductions. */
    public record Satisfaction(long customersSurveyed, BigDecimal mean, Double satisfiedRate,
                               Map<String, Long> distribution, List<CustomerScore> below70, List<WeakItem> weakestItems,
                               Deductions deductions) {
    }

    public record CustomerScore(String customerId, BigDecimal finalScore) {
    }

    /** A survey item by the mean share of its weight the customers gave. */
    public record WeakItem(String code, String name, double share) {
    }

    public record Deductions(long count, long points) {
    }

    /** A survey comment, as the customer wrote it. */
    public record Suggestion(String customerId, int year, String comments) {
    }

    /** A CAPA closed effective in the year. */
    public record Improvement(String capaId, String problemStatement, String rootCause, List<String> actions,
                              List<String> documents, Instant closedAt, String outcome) {
    }
}

package com.servicedesk.reporting.query;

import java.time.Instant;

/**
 * One thing the SLA dashboard counts, as it stands between two events: a complaint (its status), one of its clocks, a
 * service order (whether it served the customer well) or a scorecard (whether the customer is satisfied). Two facts
 * are the same version when they are equal; the timeline stores a new version only when something changed.
 *
 * @param kind   {@link Kind}
 * @param status complaint status; service order OPEN, OK, FAILED or CANCELLED; scorecard SATISFIED or UNSATISFIED
 * @param late   service order: the technician arrived after the on-site deadline
 */
public record DashboardFact(String key, Kind kind, String complaintId, String serviceOrderId, String region,
                            String category, String status, Boolean late, Integer year,
                            Instant startedAt, Instant dueAt, Instant atRiskAt, Instant stoppedAt) {

    public enum Kind {
        COMPLAINT, ACKNOWLEDGE, REPLY, ON_SITE, REPORT, SERVICE_ORDER, SCORECARD;

        public boolean isClock() {
            return this == ACKNOWLEDGE || this == REPLY || this == ON_SITE || this == REPORT;
        }

        /** The clock's name in API.md's dashboard ({@code clocks.onSite}, ...). */
        public String clockName() {
            switch (this) {
                case ACKNOWLEDGE:
                    return "acknowledge";
                case REPLY:
                    return "reply";
                case ON_SITE:
                    return "onSite";
                case REPORT:
                    return "report";
                default:
                    throw new IllegalStateException(this + " is not a clock");
            }
        }
    }

    static DashboardFact clock(String key, Kind kind, String complaintId, String serviceOrderId, String region,
                               String category, Instant startedAt, Instant dueAt, double atRiskFraction) {
        return new DashboardFact(key, kind, complaintId, serviceOrderId, region, category, null, null, null,
                startedAt, dueAt, com.servicedesk.platform.deadline.ClockState.atRiskFrom(startedAt, dueAt, atRiskFraction), null);
    }

    DashboardFact withStatus(String newStatus) {
        return new DashboardFact(key, kind, complaintId, serviceOrderId, region, category, newStatus, late, year,
                startedAt, dueAt, atRiskAt, stoppedAt);
    }

    DashboardFact withLate(boolean newLate) {
        return new DashboardFact(key, kind, complaintId, serviceOrderId, region, category, status, newLate, year,
                startedAt, dueAt, atRiskAt, stoppedAt);
    }

    DashboardFact withCategory(String newCategory) {
        return new DashboardFact(key, kind, complaintId, serviceOrderId, region, newCategory, status, late, year,
                startedAt, dueAt, atRiskAt, stoppedAt);
    }

    /** Stops a running clock; a stopped one keeps its first stop (a second reply does not move the first). */
    DashboardFact stoppedAt(Instant at) {
        return stoppedAt != null ? this : new DashboardFact(key, kind, complaintId, serviceOrderId, region, category,
                status, late, year, startedAt, dueAt, atRiskAt, at);
    }
}

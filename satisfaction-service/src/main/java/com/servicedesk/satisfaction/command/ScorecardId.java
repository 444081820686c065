package com.servicedesk.satisfaction.command;

/**
 * A scorecard's id is {@code <customerId>:<year>} (e.g. {@code CUST-42:2026}): one scorecard per customer and year,
 * found again from either a survey response or a complaint without a lookup, and readable in the audit trail. The
 * year is always the part after the last colon, so a customer id containing colons still gives a unique id.
 */
public final class ScorecardId {
    private ScorecardId() {
    }

    /** Tolerates missing parts: an incomplete command still names a scorecard, never created, so the aggregate can say what is missing. */
    public static String of(String customerId, Integer year) {
        return (customerId == null ? "" : customerId.trim()) + ":" + year;
    }
}

package com.servicedesk.reporting.query;

/** KPIs against their targets, and the shares they measure. */
public final class Kpis {
    private Kpis() {
    }

    /** @return the share rounded to 4 places, or null when there is nothing to measure */
    public static Double ratio(long part, long whole) {
        return whole == 0 ? null : Math.round(part * 10_000.0 / whole) / 10_000.0;
    }

    public static Kpi atLeast(String name, String label, Double value, double target) {
        return new Kpi(name, label, value, target, ">=", "ratio", value == null ? null : value >= target);
    }

    public static Kpi atMost(String name, String label, Double value, double target) {
        return new Kpi(name, label, value, target, "<=", "ratio", value == null ? null : value <= target);
    }
}

package com.servicedesk.reporting.query;

import java.util.LinkedHashMap;
import java.util.Map;

/** A KPI as the dashboard and the yearly report show it: {@code {name, label, value, target, comparator, unit, met}}. */
public final class Kpis {
    private Kpis() {
    }

    /** @return the share rounded to 4 places, or null when there is nothing to measure */
    public static Double ratio(long part, long whole) {
        return whole == 0 ? null : Math.round(part * 10_000.0 / whole) / 10_000.0;
    }

    public static Map<String, Object> atLeast(String name, String label, Double value, double target) {
        return kpi(name, label, value, target, ">=", value == null ? null : value >= target);
    }

    public static Map<String, Object> atMost(String name, String label, Double value, double target) {
        return kpi(name, label, value, target, "<=", value == null ? null : value <= target);
    }

    /** @param met null when the value cannot be measured yet: neither met nor missed */
    private static Map<String, Object> kpi(String name, String label, Double value, double target, String comparator, Boolean met) {
        Map<String, Object> kpi = new LinkedHashMap<>();
        kpi.put("name", name);
        kpi.put("label", label);
        kpi.put("value", value);
        kpi.put("target", target);
        kpi.put("comparator", comparator);
        kpi.put("unit", "ratio");
        kpi.put("met", met);
        return kpi;
    }
}

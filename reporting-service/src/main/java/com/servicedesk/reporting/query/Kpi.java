package com.servicedesk.reporting.query;

/**
 * A KPI as the dashboard and the yearly report show it.
 *
 * @param value      the measured share (0..1), null when there is nothing to measure yet
 * @param comparator ">=" or "<=": how the value must stand to the target
 * @param unit       "ratio" (printed as a percentage) or "hours"
 * @param met        null while the value cannot be measured: neither met nor missed
 */
public record Kpi(String name, String label, Double value, double target, String comparator, String unit, Boolean met) {
}

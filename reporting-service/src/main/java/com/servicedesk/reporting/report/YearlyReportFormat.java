package com.servicedesk.reporting.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.Date;
import java.util.Locale;

/**
 * The one place where the yearly report turns values into text, so that the HTML, the PDF (rendered from that
 * HTML), the chart labels and the tests print every number the same way: counts as integers, ratios as percent
 * with one decimal ({@code 0.9167 → "91.7 %"}), hours and scores with two decimals, and a missing value
 * ({@code null}: nothing to measure) as {@value #NONE}.
 */
public final class YearlyReportFormat {
    /** What a missing value prints as: an en dash. */
    public static final String NONE = "–";

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);

    private YearlyReportFormat() {
    }

    /** A count: {@code 1234 → "1,234"}. */
    public static String count(Object value) {
        BigDecimal n = decimalOf(value);
        return n == null ? NONE : grouped(n.setScale(0, RoundingMode.HALF_UP), "#,##0");
    }

    /** A ratio 0..1 as percent with one decimal: {@code 0.9167 → "91.7 %"}. */
    public static String percent(Object ratio) {
        BigDecimal n = decimalOf(ratio);
        return n == null ? NONE : grouped(n.movePointRight(2).setScale(1, RoundingMode.HALF_UP), "#,##0.0") + " %";
    }

    /** Hours or a score with two decimals: {@code 30.5 → "30.50"}. */
    public static String decimal(Object value) {
        BigDecimal n = decimalOf(value);
        return n == null ? NONE : grouped(n.setScale(2, RoundingMode.HALF_UP), "#,##0.00");
    }

    /**
     * A KPI's value or target in its unit: {@code ratio} as percent, {@code hours} as hours ("24.00 h"),
     * {@code count} as a count, anything else as a plain two-decimal number.
     */
    public static String kpi(Object value, String unit) {
        if (value == null) {
            return NONE;
        }
        String u = unit == null ? "" : unit;
        switch (u) {
            case "ratio":
                return percent(value);
            case "hours":
                return decimal(value) + " h";
            case "count":
                return count(value);
            default:
                return decimal(value);
        }
    }

    /** A comparator of the report ({@code ">=", "<=", ">", "<", "=="}) as the sign a reader expects. */
    public static String comparator(String comparator) {
        if (comparator == null) {
            return "";
        }
        switch (comparator) {
            case ">=":
                return "≥";
            case "<=":
                return "≤";
            case "==":
            case "=":
                return "=";
            default:
                return comparator;
        }
    }

    /** An instant shown in the report's zone: {@code "2026-11-21T04:00:00Z" → "2026-11-21 12:00"}. */
    /** Text as typed, or {@link #NONE} when there is none. */
    public static String text(Object value) {
        return value == null ? NONE : value.toString();
    }

    public static String dateTime(Object isoInstant, String zone) {
        return instant(isoInstant, zone, DATE_TIME);
    }

    /** The local date of an instant in the report's zone. */
    public static String date(Object isoInstant, String zone) {
        return instant(isoInstant, zone, DATE);
    }

    /** An enum-style code as words: {@code "PRODUCT_QUALITY" → "Product quality"}. */
    public static String label(Object code) {
        if (code == null) {
            return NONE;
        }
        String s = code.toString().trim();
        if (s.isEmpty()) {
            return NONE;
        }
        // only codes are rewritten; text that is already words (e.g. "90-100") stays as it is
        if (!s.matches("[A-Z0-9_]+") || s.matches("[0-9_]+")) {
            return s;
        }
        String words = s.replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** Any number the report may carry (Integer, Long, Double, BigDecimal, a numeric string), or null. */
    static BigDecimal decimalOf(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal) {
            return (BigDecimal) value;
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                return null;
            }
            // the shortest decimal that reads back as the double: 0.9167 stays 0.9167, not 0.91669999...
            return new BigDecimal(Double.toString(d));
        }
        if (value instanceof Number) {
            return new BigDecimal(value.toString());
        }
        try {
            return new BigDecimal(value.toString().trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number in the yearly report: " + value, e);
        }
    }

    private static String grouped(BigDecimal n, String pattern) {
        DecimalFormat format = new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.ROOT));
        format.setRoundingMode(RoundingMode.HALF_UP);
        // -0.0 would otherwise print as "-0.0"
        return format.format(n.signum() == 0 ? n.abs() : n);
    }

    private static String instant(Object isoInstant, String zone, DateTimeFormatter pattern) {
        Instant at = instantOf(isoInstant);
        return at == null ? NONE : pattern.format(at.atZone(zoneOf(zone)));
    }

    /**
     * An instant as the report carries it: an {@link Instant} (or another temporal with an offset, or a
     * {@link Date}) straight from the query, or its ISO-8601 text once it has been through JSON.
     */
    static Instant instantOf(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant) {
            return (Instant) value;
        }
        if (value instanceof Date) {
            return ((Date) value).toInstant();
        }
        if (value instanceof TemporalAccessor) {
            return Instant.from((TemporalAccessor) value);
        }
        String text = value.toString().trim();
        return text.isEmpty() ? null : Instant.parse(text);
    }

    static ZoneId zoneOf(String zone) {
        if (zone == null || zone.isBlank()) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("unknown zone in the yearly report: " + zone, e);
        }
    }
}

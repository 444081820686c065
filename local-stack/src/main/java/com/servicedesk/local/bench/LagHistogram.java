package com.servicedesk.local.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The event → read-model lag as the services publish it ({@code servicedesk_projection_event_lag_seconds_bucket},
 * one cumulative histogram per consumer): what one run added is the difference of two scrapes, and its percentiles
 * are read from the buckets with linear interpolation inside the bucket, as Prometheus' histogram_quantile does.
 */
final class LagHistogram {
    private static final Pattern BUCKET = Pattern.compile(
            "^servicedesk_projection_event_lag_seconds_bucket\\{(.*)} ([0-9.eE+-]+|NaN)$");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"([^\"]*)\"");

    /** consumer → upper bound in seconds → cumulative count */
    private final Map<String, TreeMap<Double, Double>> buckets = new TreeMap<>();

    /** Adds one service's metrics page (its consumers are named {@code service/consumer}). */
    void add(String service, String metricsPage) {
        for (String line : metricsPage.split("\n")) {
            Matcher bucket = BUCKET.matcher(line.trim());
            if (!bucket.matches()) {
                continue;
            }
            String consumer = null;
            double le = Double.NaN;
            Matcher label = LABEL.matcher(bucket.group(1));
            while (label.find()) {
                if (label.group(1).equals("consumer")) {
                    consumer = label.group(2);
                } else if (label.group(1).equals("le")) {
                    le = label.group(2).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(label.group(2));
                }
            }
            if (consumer != null && !Double.isNaN(le)) {
                buckets.computeIfAbsent(service + "/" + consumer, c -> new TreeMap<>()).merge(le, Double.parseDouble(bucket.group(2)), Double::sum);
            }
        }
    }

    /** This scrape minus an earlier one: what was recorded in between. */
    LagHistogram since(LagHistogram earlier) {
        LagHistogram delta = new LagHistogram();
        buckets.forEach((consumer, counts) -> {
            TreeMap<Double, Double> before = earlier.buckets.getOrDefault(consumer, new TreeMap<>());
            TreeMap<Double, Double> difference = new TreeMap<>();
            counts.forEach((le, count) -> difference.put(le, count - before.getOrDefault(le, 0.0)));
            delta.buckets.put(consumer, difference);
        });
        return delta;
    }

    Map<String, Long> counts() {
        Map<String, Long> counts = new TreeMap<>();
        buckets.forEach((consumer, counts1) -> counts.put(consumer, Math.round(counts1.lastEntry().getValue())));
        return counts;
    }

    /** @return the percentile (0-100) in milliseconds of one consumer, or NaN when it recorded nothing */
    double percentileMs(String consumer, double percentile) {
        TreeMap<Double, Double> counts = buckets.get(consumer);
        if (counts == null || counts.isEmpty() || counts.lastEntry().getValue() <= 0) {
            return Double.NaN;
        }
        double rank = percentile / 100 * counts.lastEntry().getValue();
        double lower = 0;
        double below = 0;
        for (Map.Entry<Double, Double> bucket : counts.entrySet()) {
            if (bucket.getValue() >= rank) {
                if (bucket.getKey().isInfinite()) {
                    return lower * 1000; // beyond the last bound: its lower edge is all that is known
                }
                double inBucket = bucket.getValue() - below;
                double fraction = inBucket <= 0 ? 1 : (rank - below) / inBucket;
                return (lower + (bucket.getKey() - lower) * fraction) * 1000;
            }
            lower = bucket.getKey();
            below = bucket.getValue();
        }
        return lower * 1000;
    }

    /** Every consumer's buckets added together: the lag of all read-model updates of the run. */
    LagHistogram pooled() {
        LagHistogram all = new LagHistogram();
        buckets.values().forEach(counts -> counts.forEach((le, count) ->
                all.buckets.computeIfAbsent("all", c -> new TreeMap<>()).merge(le, count, Double::sum)));
        return all;
    }
}

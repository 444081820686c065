package com.servicedesk.local.bench;

import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where one registration's time went, from the {@code Server-Timing} headers the gateway and the service answer on the
 * local stack: the client's whole wait, the gateway's part of it, and the service's phases (request, handle, store,
 * answer). Each phase's median over the requests seen.
 */
public final class RegistrationPhases {
    /** phase → milliseconds, one per request that answered every phase */
    private final Map<String, List<Double>> phases = new LinkedHashMap<>();

    /** The {@code Server-Timing} metrics of an answer, name → milliseconds, in the order they were written. */
    public static Map<String, Double> timings(HttpHeaders headers) {
        Map<String, Double> timings = new LinkedHashMap<>();
        for (String value : headers.allValues("Server-Timing")) {
            for (String metric : value.split(",")) {
                String[] parts = metric.trim().split(";dur=");
                if (parts.length == 2) {
                    timings.put(parts[0].trim(), Double.parseDouble(parts[1].trim()));
                }
            }
        }
        return timings;
    }

    synchronized void add(double clientMs, HttpHeaders headers) {
        Map<String, Double> timings = timings(headers);
        Double gateway = timings.get("gateway");
        Double service = timings.get("total");
        if (gateway == null || service == null) {
            return;
        }
        record("client and network", clientMs - gateway);
        record("gateway (token check, routing, proxying)", gateway - service);
        for (String phase : List.of("request", "handle", "store", "answer")) {
            record("service: " + phase, timings.getOrDefault(phase, 0.0));
        }
        record("whole registration", clientMs);
    }

    private void record(String phase, double ms) {
        phases.computeIfAbsent(phase, p -> new ArrayList<>()).add(ms);
    }

    synchronized int count() {
        return phases.getOrDefault("whole registration", List.of()).size();
    }

    /** Median per phase, in the order the request passes them. */
    synchronized Map<String, Double> medians() {
        Map<String, Double> medians = new LinkedHashMap<>();
        phases.forEach((phase, values) -> {
            List<Double> sorted = new ArrayList<>(values);
            Collections.sort(sorted);
            medians.put(phase, sorted.get(sorted.size() / 2));
        });
        return medians;
    }

    synchronized List<String> table() {
        List<String> lines = new ArrayList<>();
        medians().forEach((phase, ms) -> lines.add(String.format(Locale.ROOT, "      %-44s %8.2f ms", phase, ms)));
        return lines;
    }
}

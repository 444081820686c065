package com.servicedesk.platform.web;

import java.util.Locale;

/**
 * Where one request's time went, answered as a standard {@code Server-Timing} header (docs/benchmarks.md, "Where one
 * registration's time goes"): the request is divided into phases as it passes the marks, each phase the time since
 * the previous mark. Marks are set by platform's plumbing: {@code request} when a command is dispatched (filters,
 * token check, idempotency, binding and validation before it), {@code handle} when the aggregate has decided (loading
 * it and running its handler), {@code store} once its events are inserted and committed, and the rest, until the
 * answer is written, is {@code answer}. On when {@code servicedesk.web.server-timing} is true (the local stack).
 */
public final class ServerTiming {
    public static final String HEADER = "Server-Timing";
    private static final ThreadLocal<ServerTiming> CURRENT = new ThreadLocal<>();

    private final long start = System.nanoTime();
    private long last = start;
    private final StringBuilder phases = new StringBuilder();

    private ServerTiming() {
    }

    static void begin() {
        CURRENT.set(new ServerTiming());
    }

    static void end() {
        CURRENT.remove();
    }

    /** Ends the current phase, calling it {@code name}; does nothing on a thread that is not timing a request. */
    public static void mark(String name) {
        ServerTiming timing = CURRENT.get();
        if (timing != null) {
            timing.phase(name, System.nanoTime());
        }
    }

    /** The header's value: the phases so far, the one since the last mark as {@code answer}, and the total. */
    static String value() {
        ServerTiming timing = CURRENT.get();
        if (timing == null) {
            return null;
        }
        long now = System.nanoTime();
        timing.phase("answer", now);
        return timing.phases + ", total;dur=" + millis(now - timing.start);
    }

    private void phase(String name, long now) {
        if (!phases.isEmpty()) {
            phases.append(", ");
        }
        phases.append(name).append(";dur=").append(millis(now - last));
        last = now;
    }

    private static String millis(long nanos) {
        return String.format(Locale.ROOT, "%.2f", nanos / 1e6);
    }
}

package com.servicedesk.platform.metrics;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;

/**
 * Figures read at most once per {@code maxAge}, however often they are scraped, so Prometheus (or several of them) never
 * adds load to PostgreSQL or Kafka. A failed read is remembered as "unknown" for as long, so a broker that is away
 * slows one scrape by its timeout, not every gauge of every scrape.
 */
final class Cached<T> {
    private static final Logger LOG = LoggerFactory.getLogger(Cached.class);

    @FunctionalInterface
    interface Read<T> {
        T read() throws Exception;
    }

    private final String what;
    private final Read<T> read;
    private final long maxAgeNanos;
    private T value;
    private long readAt;
    private boolean everRead;

    Cached(String what, Read<T> read, Duration maxAge) {
        this.what = what;
        this.read = read;
        this.maxAgeNanos = maxAge.toNanos();
    }

    synchronized Optional<T> get() {
        long now = System.nanoTime();
        if (!everRead || now - readAt >= maxAgeNanos) {
            try {
                value = read.read();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                value = null;
            } catch (Exception e) {
                LOG.warn("{} unknown for now: {}", what, e.toString());
                value = null;
            }
            readAt = now;
            everRead = true;
        }
        return Optional.ofNullable(value);
    }
}

package com.servicedesk.platform.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.GenericTokenEntry;
import org.axonframework.serialization.Serializer;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How far the relay is behind the event store, from the database (so it sees the segments of every instance alike):
 * {@code servicedesk.relay.lag.events}, the store's head global index minus the lowest position among the relay's
 * segments in the token store, and {@code servicedesk.relay.lag.seconds}, the age of the oldest event above that
 * position (0 when there is none). Global indexes of appends that rolled back inside that window count as events until
 * the relay passes them, so the figure may run a little high under lag, never low; it is 0 once everything is relayed.
 */
public class RelayLagMetrics {
    private final JdbcTemplate jdbc;
    private final Serializer tokenSerializer;
    private final String processor;
    private final Clock clock;
    private final Cached<Lag> lag;

    record Lag(long events, double seconds) {
    }

    /** @param tokenSerializer the serializer Axon's token store writes tokens with (its primary one) */
    public RelayLagMetrics(JdbcTemplate jdbc, Serializer tokenSerializer, String processor, Clock clock, Duration cacheFor,
                           MeterRegistry meters) {
        this.jdbc = jdbc;
        this.tokenSerializer = tokenSerializer;
        this.processor = processor;
        this.clock = clock;
        this.lag = new Cached<>("relay lag", this::read, cacheFor);
        Gauge.builder("servicedesk.relay.lag.events", lag, cached -> cached.get().map(figures -> (double) figures.events()).orElse(Double.NaN))
                .description("events in the event store not yet acknowledged by Kafka")
                .baseUnit("events")
                .strongReference(true)
                .register(meters);
        Gauge.builder("servicedesk.relay.lag.seconds", lag, cached -> cached.get().map(Lag::seconds).orElse(Double.NaN))
                .description("age of the oldest event not yet acknowledged by Kafka, 0 when none waits")
                .baseUnit("seconds")
                .strongReference(true)
                .register(meters);
    }

    private Lag read() {
        long relayed = relayedUpTo();
        Long head = jdbc.queryForObject("SELECT max(globalindex) FROM domainevententry", Long.class);
        List<String> oldest = jdbc.queryForList(
                "SELECT timestamp FROM domainevententry WHERE globalindex > ? ORDER BY globalindex LIMIT 1", String.class, relayed);
        double seconds = oldest.isEmpty() ? 0
                : Math.max(0, Duration.between(Instant.parse(oldest.get(0)), clock.instant()).toMillis() / 1000.0);
        return new Lag(head == null ? 0 : Math.max(0, head - relayed), seconds);
    }

    /** The lowest global index every segment has relayed; 0 before the relay stored any token. */
    private long relayedUpTo() {
        List<Long> positions = jdbc.query("SELECT segment, token, tokentype, timestamp, owner FROM tokenentry WHERE processorname = ?",
                (row, i) -> {
                    TrackingToken token = new GenericTokenEntry<>(row.getBytes("token"), row.getString("tokentype"),
                            row.getString("timestamp"), row.getString("owner"), processor, row.getInt("segment"), byte[].class)
                            .getToken(tokenSerializer);
                    return token == null ? 0L : token.position().orElse(0L);
                }, processor);
        return positions.stream().mapToLong(Long::longValue).min().orElse(0L);
    }
}

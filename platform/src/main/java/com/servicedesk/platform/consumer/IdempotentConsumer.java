package com.servicedesk.platform.consumer;

import com.servicedesk.platform.relay.CloudEventCodec;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.listener.BatchListenerFailedException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Applies each event at most once per consumer, a batch at a time: an event whose sequence is older than or equal to
 * the last one this consumer applied for the same aggregate is left out (redelivery, restart, replay). Kafka keeps one
 * aggregate's events in order (one key, one partition), so "newer than the last applied" is exactly "not seen yet".
 * Per batch: one read of the applied sequences of every aggregate in it, the handler's effects, one write of the new
 * sequences; a handler that {@link EventBatchHandler#keepsPositions() keeps its positions} in its own documents gets
 * the batch whole and checks them itself. Events of types the handler does not route pass without any of that.
 * <p>
 * The effects are made durable before the positions are recorded: a crash in between redelivers those events, so
 * effects must be idempotent (which the projections' whole-document replacements and derived ids are).
 * <p>
 * A failing batch is applied again one event at a time: the events before the one at fault are applied and recorded,
 * and a {@link BatchListenerFailedException} names the failing record, so the container's error handler commits what
 * came before it, retries it and finally sends it alone to the dead-letter topic, and the rest of the batch follows.
 * <p>
 * Every applied event is timed from its {@code occurredAt} (stored in the owning service's event store) to the moment
 * its effect is in the read model: {@code servicedesk.projection.event.lag}, with a percentile histogram for Prometheus
 * and the benchmark. Clocks of one machine (or NTP-synced hosts) are assumed; a negative lag counts as zero.
 */
public class IdempotentConsumer {
    private final AppliedSequences applied;
    private final MeterRegistry meters;
    private final boolean live;
    private final Map<String, Timer> lagTimers = new java.util.concurrent.ConcurrentHashMap<>();

    public IdempotentConsumer(AppliedSequences applied, MeterRegistry meters) {
        this(applied, meters, true);
    }

    private IdempotentConsumer(AppliedSequences applied, MeterRegistry meters, boolean live) {
        this.applied = applied;
        this.meters = meters;
        this.live = live;
    }

    /** For a rebuild's replay of history: its events are old by design, so they are neither timed nor counted. */
    public static IdempotentConsumer forReplay(AppliedSequences applied, MeterRegistry meters) {
        return new IdempotentConsumer(applied, meters, false);
    }

    /**
     * Reads a batch of Kafka records and applies the events the handler routes. A record of a type this build does not
     * know is skipped; a record that is not a readable event fails (after the records before it were applied) and,
     * retried, ends in the dead-letter topic.
     */
    public void consume(String consumer, List<ConsumerRecord<String, byte[]>> records, EventBatchHandler handler) {
        List<PublishedEvent> events = new ArrayList<>(records.size());
        List<ConsumerRecord<String, byte[]>> sources = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            Optional<PublishedEvent> event;
            try {
                event = CloudEventCodec.decode(record);
            } catch (RuntimeException unreadable) {
                applyFindingFault(consumer, events, sources, handler);
                throw new BatchListenerFailedException("unreadable event for " + consumer, unreadable, record);
            }
            if (event.isPresent() && handler.handles(event.get())) {
                events.add(event.get());
                sources.add(record);
            }
        }
        applyFindingFault(consumer, events, sources, handler);
    }

    private void applyFindingFault(String consumer, List<PublishedEvent> events, List<ConsumerRecord<String, byte[]>> sources,
                                   EventBatchHandler handler) {
        if (events.isEmpty()) {
            return;
        }
        try {
            apply(consumer, events, handler);
        } catch (EventFailedException failed) {
            throw new BatchListenerFailedException(consumer + " failed on " + events.get(failed.index()).type(),
                    failed.getCause(), sources.get(failed.index()));
        } catch (RuntimeException batchFailure) {
            if (events.size() == 1) {
                throw new BatchListenerFailedException(consumer + " failed on " + events.get(0).type(), batchFailure, sources.get(0));
            }
            for (int i = 0; i < events.size(); i++) {
                try {
                    apply(consumer, List.of(events.get(i)), handler);
                } catch (RuntimeException fault) {
                    throw new BatchListenerFailedException(consumer + " failed on " + events.get(i).type(), fault, sources.get(i));
                }
            }
        }
    }

    /**
     * Applies the events not applied yet, in order, and records their positions.
     *
     * @return how many were applied
     * @throws EventFailedException when the handler reported a failing event (its index is then one of {@code events})
     *                              after the positions of the events before it were recorded
     */
    public int apply(String consumer, List<PublishedEvent> events, EventBatchHandler handler) {
        if (handler.keepsPositions()) {
            handler.handle(events);
            measure(consumer, events, 0);
            return events.size();
        }
        Set<String> aggregates = new LinkedHashSet<>();
        events.forEach(event -> {
            if (event.sequence() >= 0) {
                aggregates.add(event.aggregateId());
            }
        });
        Map<String, Long> last = new HashMap<>(applied.lastApplied(consumer, aggregates));
        List<PublishedEvent> fresh = new ArrayList<>(events.size());
        List<Integer> positions = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            PublishedEvent event = events.get(i);
            if (event.sequence() >= 0) {
                Long before = last.get(event.aggregateId());
                if (before != null && event.sequence() <= before) {
                    continue;
                }
                last.put(event.aggregateId(), event.sequence());
            }
            fresh.add(event);
            positions.add(i);
        }
        int ignored = events.size() - fresh.size();
        if (!fresh.isEmpty()) {
            try {
                handler.handle(fresh);
            } catch (EventFailedException failed) {
                applied.record(consumer, reached(fresh.subList(0, failed.index())));
                throw new EventFailedException(positions.get(failed.index()), (RuntimeException) failed.getCause());
            }
        }
        applied.record(consumer, reached(fresh));
        measure(consumer, fresh, ignored);
        return fresh.size();
    }

    private void measure(String consumer, List<PublishedEvent> fresh, int ignored) {
        if (live) {
            if (ignored > 0) {
                meters.counter("servicedesk.consumer.ignored", "consumer", consumer).increment(ignored);
            }
            meters.counter("servicedesk.consumer.applied", "consumer", consumer).increment(fresh.size());
            Timer lag = lagTimers.computeIfAbsent(consumer, this::lagTimer);
            Instant now = Instant.now();
            for (PublishedEvent event : fresh) {
                if (event.occurredAt() != null) {
                    Duration since = Duration.between(event.occurredAt(), now);
                    lag.record(since.isNegative() ? Duration.ZERO : since);
                }
            }
        }
    }

    private static Map<String, Long> reached(List<PublishedEvent> applied) {
        Map<String, Long> reached = new HashMap<>();
        applied.forEach(event -> {
            if (event.sequence() >= 0) {
                reached.merge(event.aggregateId(), event.sequence(), Math::max);
            }
        });
        return reached;
    }

    private Timer lagTimer(String consumer) {
        return Timer.builder("servicedesk.projection.event.lag")
                .description("from an event's occurredAt to its effect in this consumer's read model")
                .tag("consumer", consumer)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(meters);
    }
}

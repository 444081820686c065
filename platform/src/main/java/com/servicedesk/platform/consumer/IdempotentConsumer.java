package com.servicedesk.platform.consumer;

import com.servicedesk.platform.relay.CloudEventCodec;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Applies each event at most once per consumer: an event whose sequence is older than or equal to the last one this
 * consumer applied for the same aggregate is ignored (redelivery, restart, replay). Kafka keeps one aggregate's events
 * in order (one key, one partition), so "newer than the last applied" is exactly "not seen yet".
 * <p>
 * The effect is applied before the position is recorded: a crash in between redelivers the event once more, so effects
 * must be idempotent upserts of the aggregate's own document (which the projections are).
 * <p>
 * Every applied event is timed from its {@code occurredAt} (stored in the owning service's event store) to the moment
 * its effect is in the read model: {@code servicedesk.projection.event.lag}, with a percentile histogram for Prometheus
 * and the benchmark. Clocks of one machine (or NTP-synced hosts) are assumed; a negative lag counts as zero.
 */
public class IdempotentConsumer {
    private final AppliedSequences applied;
    private final MeterRegistry meters;
    private final boolean live;

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
     * Reads a Kafka record and applies it; a record of a type this build does not know is skipped, a record that is
     * not a readable event throws (and, retried, ends in the dead-letter topic).
     */
    public void consume(String consumer, ConsumerRecord<String, byte[]> record, Consumer<PublishedEvent> effect) {
        CloudEventCodec.decode(record).ifPresent(event -> apply(consumer, event, effect));
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

    /**
     * As {@link #consume(String, ConsumerRecord, Consumer)} for a consumer that acts on a few event types only: the
     * others pass without a read or a write of its applied sequences (two read-model round trips per event saved).
     * Skipping is safe: a later event of the aggregate still has a higher sequence than the last one applied.
     */
    public void consume(String consumer, ConsumerRecord<String, byte[]> record, Set<Class<?>> handled, Consumer<PublishedEvent> effect) {
        CloudEventCodec.decode(record).filter(event -> handled.contains(event.payload().getClass()))
                .ifPresent(event -> apply(consumer, event, effect));
    }

    /** @return whether the effect ran */
    public boolean apply(String consumer, PublishedEvent event, Consumer<PublishedEvent> effect) {
        if (event.sequence() >= 0) {
            long last = applied.lastApplied(consumer, event.aggregateId()).orElse(-1L);
            if (event.sequence() <= last) {
                meters.counter("servicedesk.consumer.ignored", "consumer", consumer).increment();
                return false;
            }
        }
        effect.accept(event);
        if (event.sequence() >= 0) {
            applied.record(consumer, event.aggregateId(), event.sequence());
        }
        if (!live) {
            return true;
        }
        meters.counter("servicedesk.consumer.applied", "consumer", consumer).increment();
        if (event.occurredAt() != null) {
            Duration lag = Duration.between(event.occurredAt(), Instant.now());
            lagTimer(consumer).record(lag.isNegative() ? Duration.ZERO : lag);
        }
        return true;
    }
}

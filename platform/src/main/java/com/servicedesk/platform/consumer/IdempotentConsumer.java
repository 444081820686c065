package com.servicedesk.platform.consumer;

import com.servicedesk.platform.relay.CloudEventCodec;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.util.function.Consumer;

/**
 * Applies each event at most once per consumer: an event whose sequence is older than or equal to the last one this
 * consumer applied for the same aggregate is ignored (redelivery, restart, replay). Kafka keeps one aggregate's events
 * in order (one key, one partition), so "newer than the last applied" is exactly "not seen yet".
 * <p>
 * The effect is applied before the position is recorded: a crash in between redelivers the event once more, so effects
 * must be idempotent upserts of the aggregate's own document (which the projections are).
 */
public class IdempotentConsumer {
    private final AppliedSequences applied;
    private final MeterRegistry meters;

    public IdempotentConsumer(AppliedSequences applied, MeterRegistry meters) {
        this.applied = applied;
        this.meters = meters;
    }

    /**
     * Reads a Kafka record and applies it; a record of a type this build does not know is skipped, a record that is
     * not a readable event throws (and, retried, ends in the dead-letter topic).
     */
    public void consume(String consumer, ConsumerRecord<String, byte[]> record, Consumer<PublishedEvent> effect) {
        CloudEventCodec.decode(record).ifPresent(event -> apply(consumer, event, effect));
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
        meters.counter("servicedesk.consumer.applied", "consumer", consumer).increment();
        return true;
    }
}

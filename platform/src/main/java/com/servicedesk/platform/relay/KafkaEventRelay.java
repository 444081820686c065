package com.servicedesk.platform.relay;

import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.core.KafkaTemplate;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Relays the service's event store to its Kafka topic, in order. It is an ordinary tracking event handler, so the
 * event store is the outbox: the processor's token advances only when this method returns, and it returns only after
 * the broker acknowledged the record. If the broker is away, the handler throws, the processor backs off and retries
 * from the same position: delivery is at-least-once, consumers are idempotent.
 * <p>
 * Within one batch of the processor (its {@code batch-size}) the records are sent without waiting, and the batch
 * commits its token only once the broker has acknowledged all of them: one round trip per batch instead of one per
 * event. The idempotent producer keeps them in order; one failure fails the batch, which is retried whole.
 */
@ProcessingGroup(KafkaEventRelay.PROCESSING_GROUP)
public class KafkaEventRelay {
    public static final String PROCESSING_GROUP = "kafka-relay";
    private static final String PENDING = KafkaEventRelay.class.getName() + ".pending";
    private static final Logger LOG = LoggerFactory.getLogger(KafkaEventRelay.class);

    private final KafkaTemplate<String, CloudEvent> kafka;
    private final String topic;
    private final URI source;
    private final Duration ackTimeout;
    private final Counter published;

    public KafkaEventRelay(KafkaTemplate<String, CloudEvent> kafka, String topic, URI source, Duration ackTimeout,
                           MeterRegistry meters) {
        this.kafka = kafka;
        this.topic = topic;
        this.source = source;
        this.ackTimeout = ackTimeout;
        this.published = Counter.builder("servicedesk.relay.published")
                .description("events the broker acknowledged")
                .tag("topic", topic)
                .register(meters);
    }

    /**
     * Opens the producer, its connection and the topic's metadata before the service reports ready: the first send
     * otherwise pays for all three (about a second on the local stack), and the first flow after "ready" was the
     * slowest (docs/benchmarks.md). A broker not there yet is no reason not to start: the first event connects.
     */
    @EventListener(ApplicationStartedEvent.class)
    public void connect() {
        try {
            kafka.partitionsFor(topic);
        } catch (RuntimeException e) {
            LOG.warn("Kafka not reachable for {} at start ({}); the first event will connect", topic, e.toString());
        }
    }

    @EventHandler
    public void relay(Object payload, EventMessage<?> message) throws Exception {
        ProducerRecord<String, CloudEvent> record =
                new ProducerRecord<>(topic, CloudEventCodec.keyOf(message), CloudEventCodec.encode(message, source));
        CompletableFuture<?> sent = kafka.send(record);
        if (!CurrentUnitOfWork.isStarted()) {
            await(List.of(sent));
            return;
        }
        UnitOfWork<?> batch = CurrentUnitOfWork.get().root();
        batch.<List<CompletableFuture<?>>>getOrComputeResource(PENDING, key -> {
            List<CompletableFuture<?>> pending = new ArrayList<>();
            batch.onPrepareCommit(unitOfWork -> await(pending));
            return pending;
        }).add(sent);
    }

    private void await(List<CompletableFuture<?>> pending) {
        long deadline = System.nanoTime() + ackTimeout.toNanos();
        try {
            for (CompletableFuture<?> sent : pending) {
                sent.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the broker", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the broker did not acknowledge " + pending.size() + " records", e);
        }
        published.increment(pending.size());
    }
}

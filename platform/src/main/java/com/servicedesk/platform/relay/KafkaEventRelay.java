package com.servicedesk.platform.relay;

import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.kafka.core.KafkaTemplate;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Relays the service's event store to its Kafka topic, in order. It is an ordinary tracking event handler, so the
 * event store is the outbox: the processor's token advances only when this method returns, and it returns only after
 * the broker acknowledged the record. If the broker is away, the handler throws, the processor backs off and retries
 * from the same position: delivery is at-least-once, consumers are idempotent.
 */
@ProcessingGroup(KafkaEventRelay.PROCESSING_GROUP)
public class KafkaEventRelay {
    public static final String PROCESSING_GROUP = "kafka-relay";

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

    @EventHandler
    public void relay(Object payload, EventMessage<?> message) throws Exception {
        ProducerRecord<String, CloudEvent> record =
                new ProducerRecord<>(topic, CloudEventCodec.keyOf(message), CloudEventCodec.encode(message, source));
        kafka.send(record).get(ackTimeout.toMillis(), TimeUnit.MILLISECONDS);
        published.increment();
    }
}

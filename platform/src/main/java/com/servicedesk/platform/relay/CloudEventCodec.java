package com.servicedesk.platform.relay;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.servicedesk.events.EventTypes;
import com.servicedesk.platform.axon.AxonJson;
import com.servicedesk.platform.consumer.PublishedEvent;
import com.servicedesk.platform.metadata.AuditMetadata;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;

/**
 * The published record, both ways: CloudEvents 1.0 in Kafka binary mode. {@code id} is the stored event's id,
 * {@code type} the event name, {@code subject} the aggregate id; extensions carry the aggregate sequence, correlation,
 * causation and actor; data is the event record as JSON (the same form as in the event store).
 */
public final class CloudEventCodec {
    public static final String SEQUENCE = "sequence";
    public static final String CORRELATION_ID = "correlationid";
    public static final String CAUSATION_ID = "causationid";
    public static final String ACTOR = "actor";
    public static final String JSON = "application/json";

    private CloudEventCodec() {
    }

    public static CloudEvent encode(EventMessage<?> message, URI source) {
        byte[] data;
        try {
            data = AxonJson.mapper().writeValueAsBytes(message.getPayload());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + message.getPayloadType().getName(), e);
        }
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(message.getIdentifier())
                .withType(EventTypes.typeOf(message.getPayloadType()))
                .withSource(source)
                .withTime(OffsetDateTime.ofInstant(message.getTimestamp(), ZoneOffset.UTC))
                .withDataContentType(JSON)
                .withData(data)
                .withExtension(ACTOR, String.valueOf(message.getMetaData().getOrDefault(AuditMetadata.ACTOR, AuditMetadata.UNKNOWN_ACTOR)))
                .withExtension(CORRELATION_ID, String.valueOf(message.getMetaData().getOrDefault(AuditMetadata.CORRELATION_ID, message.getIdentifier())))
                .withExtension(CAUSATION_ID, String.valueOf(message.getMetaData().getOrDefault(AuditMetadata.CAUSATION_ID, message.getIdentifier())));
        if (message instanceof DomainEventMessage<?> domain) {
            builder.withSubject(domain.getAggregateIdentifier())
                    .withExtension(SEQUENCE, String.valueOf(domain.getSequenceNumber()));
        }
        return builder.build();
    }

    /** The key of the Kafka record: the aggregate id, so that one aggregate's events stay in order on one partition. */
    public static String keyOf(EventMessage<?> message) {
        return message instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier() : message.getIdentifier();
    }

    /**
     * Reads a record; empty when its type is not one this build knows (a newer producer), which a consumer may ignore.
     * A record that is not a valid CloudEvent of a known type throws: it must go to the dead-letter topic.
     */
    public static Optional<PublishedEvent> decode(ConsumerRecord<String, byte[]> record) {
        CloudEvent event = KafkaMessageFactory.createReader(record).toEvent();
        Optional<Class<?>> type = EventTypes.classOf(event.getType());
        if (type.isEmpty()) {
            return Optional.empty();
        }
        Object payload;
        try {
            payload = AxonJson.mapper().readValue(Objects.requireNonNull(event.getData(), "data").toBytes(), type.get());
        } catch (IOException e) {
            throw new IllegalArgumentException("record " + event.getId() + " has data that is not a " + event.getType(), e);
        }
        String sequence = extension(event, SEQUENCE);
        return Optional.of(new PublishedEvent(
                event.getId(),
                event.getType(),
                event.getSubject() != null ? event.getSubject() : record.key(),
                sequence == null ? -1 : Long.parseLong(sequence),
                event.getTime() == null ? Instant.EPOCH : event.getTime().toInstant(),
                extension(event, ACTOR),
                extension(event, CORRELATION_ID),
                extension(event, CAUSATION_ID),
                payload));
    }

    private static String extension(CloudEvent event, String name) {
        Object value = event.getExtension(name);
        return value == null ? null : value.toString();
    }
}

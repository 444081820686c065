package com.servicedesk.platform.testing;

import com.servicedesk.platform.metadata.AuditMetadata;
import com.servicedesk.platform.relay.CloudEventCodec;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * Publishes events of another service onto its topic exactly as that service's relay would (CloudEvents, binary mode),
 * so a service's integration test can feed it foreign events without starting the other service. {@link #publish}
 * returns the record so a test can send the very same record again: a redelivery.
 */
public final class ForeignEvents implements AutoCloseable {
    private final KafkaProducer<String, byte[]> producer;

    public ForeignEvents(String bootstrapServers) {
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** @param correlationId the complaint the event belongs to */
    public ProducerRecord<String, byte[]> publish(String topic, String aggregateType, String aggregateId, long sequence,
                                                  Object payload, String correlationId) throws Exception {
        return publishAt(Instant.now(), topic, aggregateType, aggregateId, sequence, payload, correlationId);
    }

    /** @param recordedAt when the owning service stored the event (a read model's "as of" is about this time) */
    public ProducerRecord<String, byte[]> publishAt(Instant recordedAt, String topic, String aggregateType, String aggregateId,
                                                    long sequence, Object payload, String correlationId) throws Exception {
        GenericDomainEventMessage<Object> message = new GenericDomainEventMessage<>(aggregateType, aggregateId, sequence, payload,
                MetaData.with(AuditMetadata.ACTOR, "test:" + aggregateType).and(AuditMetadata.CORRELATION_ID, correlationId),
                UUID.randomUUID().toString(), recordedAt);
        ProducerRecord<String, byte[]> record = KafkaMessageFactory.createWriter(topic, aggregateId)
                .writeBinary(CloudEventCodec.encode(message, URI.create("/test/" + UUID.randomUUID())));
        send(record);
        return record;
    }

    public void send(ProducerRecord<String, byte[]> record) throws Exception {
        producer.send(record).get();
    }

    @Override
    public void close() {
        producer.close();
    }
}

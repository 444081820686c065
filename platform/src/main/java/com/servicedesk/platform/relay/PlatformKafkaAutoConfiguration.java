package com.servicedesk.platform.relay;

import com.mongodb.MongoException;
import com.mongodb.client.MongoDatabase;
import com.servicedesk.events.Topics;
import com.servicedesk.platform.consumer.AppliedSequences;
import com.servicedesk.platform.consumer.IdempotentConsumer;
import com.servicedesk.platform.consumer.KafkaConsumersHealthIndicator;
import com.servicedesk.platform.mongo.PlatformMongoAutoConfiguration;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.kafka.CloudEventSerializer;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Kafka for every service: the topics (declared by every service, so whichever starts first creates them), the relay
 * of the service's own events, and the consumer side: idempotence and the dead-letter topic.
 */
@AutoConfiguration(after = PlatformMongoAutoConfiguration.class,
        afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
public class PlatformKafkaAutoConfiguration {
    public static final String DEAD_LETTER_SUFFIX = ".DLT";
    private static final Logger LOG = LoggerFactory.getLogger(PlatformKafkaAutoConfiguration.class);

    @Bean
    public KafkaAdmin.NewTopics servicedeskTopics(@Value("${servicedesk.kafka.partitions:3}") int partitions,
                                                  @Value("${servicedesk.kafka.replication-factor:1}") short replicas) {
        List<NewTopic> topics = new ArrayList<>();
        for (String topic : List.of(Topics.COMPLAINT, Topics.SERVICE_ORDER, Topics.CAPA, Topics.SCORECARD, Topics.CHAIN_HEADS)) {
            // kept for ever, whatever the broker's default (7 days out of the box): read models are rebuilt by replaying
            // the topics from the start, and the published chain heads are the evidence against a rewritten store
            topics.add(TopicBuilder.name(topic).partitions(partitions).replicas(replicas)
                    .config(TopicConfig.RETENTION_MS_CONFIG, "-1").build());
            // same partition count: a dead letter keeps its original partition
            topics.add(TopicBuilder.name(topic + DEAD_LETTER_SUFFIX).partitions(partitions).replicas(replicas)
                    .config(TopicConfig.RETENTION_MS_CONFIG, "-1").build());
        }
        return new KafkaAdmin.NewTopics(topics.toArray(NewTopic[]::new));
    }

    /** Only in services that own an aggregate; reporting-service has no topic of its own. */
    @Bean
    @ConditionalOnProperty("servicedesk.relay.topic")
    public KafkaEventRelay kafkaEventRelay(KafkaProperties kafkaProperties,
                                           @Value("${servicedesk.relay.topic}") String topic,
                                           @Value("${spring.application.name}") String service,
                                           @Value("${servicedesk.relay.ack-timeout:30s}") Duration ackTimeout,
                                           MeterRegistry meters) {
        Map<String, Object> producer = new HashMap<>(kafkaProperties.buildProducerProperties());
        producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, CloudEventSerializer.class);
        producer.put(CloudEventSerializer.ENCODING_CONFIG, Encoding.BINARY);
        KafkaTemplate<String, CloudEvent> template = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(producer));
        return new KafkaEventRelay(template, topic, URI.create("/servicedesk/" + service), ackTimeout, meters);
    }

    @Bean
    public KafkaConsumersHealthIndicator kafkaConsumersHealthIndicator(KafkaListenerEndpointRegistry registry) {
        return new KafkaConsumersHealthIndicator(registry);
    }

    @Bean
    public IdempotentConsumer idempotentConsumer(MongoDatabase readModelDatabase, MeterRegistry meters) {
        return new IdempotentConsumer(new AppliedSequences(readModelDatabase), meters);
    }

    /**
     * A record whose handling fails is retried; a record that keeps failing goes to {@code <topic>.DLT} (counted, with
     * the original topic, partition, offset, group and exception in its headers) so one bad record never blocks its
     * partition and is never silently dropped. An unreachable MongoDB is not the record's fault: that is retried
     * until the database is back.
     */
    @Bean
    public DefaultErrorHandler kafkaErrorHandler(KafkaProperties kafkaProperties, MeterRegistry meters,
                                                 @Value("${servicedesk.consumer.attempts:4}") int attempts,
                                                 @Value("${servicedesk.consumer.retry-interval:500ms}") Duration interval) {
        Map<String, Object> producer = new HashMap<>(kafkaProperties.buildProducerProperties());
        producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(
                new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(producer)),
                (record, e) -> new TopicPartition(record.topic() + DEAD_LETTER_SUFFIX, record.partition()));
        ConsumerRecordRecoverer countingDeadLetters = (record, e) -> {
            LOG.error("dead-lettering {}-{}@{} after {} attempts", record.topic(), record.partition(), record.offset(), attempts, e);
            meters.counter("servicedesk.consumer.dead.letters", "topic", record.topic()).increment();
            deadLetters.accept(record, e);
        };
        DefaultErrorHandler handler = new DefaultErrorHandler(countingDeadLetters, new FixedBackOff(interval.toMillis(), attempts - 1L));
        handler.setBackOffFunction((record, e) -> isMongoUnavailable(e) ? untilBack() : null);
        return handler;
    }

    private static ExponentialBackOff untilBack() {
        ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(10_000);
        return backOff;
    }

    private static boolean isMongoUnavailable(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof com.mongodb.MongoSocketException || cause instanceof com.mongodb.MongoTimeoutException) {
                return true;
            }
            if (cause instanceof MongoException) {
                return false;
            }
        }
        return false;
    }
}

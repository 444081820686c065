package com.servicedesk.platform.audit;

import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * The audit side of every service that owns aggregates (it has {@code servicedesk.relay.topic}): the event history,
 * the integrity check of its hash chains, the periodic publication of their heads and the periodic sweep over all of
 * them.
 */
@AutoConfiguration(afterName = {
        "com.servicedesk.platform.axon.PlatformAxonAutoConfiguration",
        "com.servicedesk.platform.mongo.PlatformMongoAutoConfiguration",
        "com.servicedesk.platform.relay.PlatformKafkaAutoConfiguration",
        "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration"})
@ConditionalOnProperty("servicedesk.relay.topic")
@EnableScheduling
public class PlatformAuditAutoConfiguration {

    @Bean
    public PublishedChainHeads publishedChainHeads(MongoDatabase readModelDatabase,
                                                   @Value("${spring.application.name}") String service) {
        return new PublishedChainHeads(readModelDatabase, service);
    }

    @Bean
    public EventIntegrity eventIntegrity(DataSource dataSource, PublishedChainHeads publishedChainHeads) {
        return new EventIntegrity(new JdbcTemplate(dataSource), publishedChainHeads);
    }

    @Bean
    public IntegritySweep integritySweep(DataSource dataSource, EventIntegrity integrity, PublishedChainHeads publishedChainHeads,
                                         Clock clock, MeterRegistry meters,
                                         @Value("${servicedesk.audit.integrity-sweep.progress-log-interval:5s}") Duration progressLog) {
        return new IntegritySweep(new JdbcTemplate(dataSource), integrity, publishedChainHeads, clock, progressLog, meters);
    }

    @Bean
    public EventHistory eventHistory(EventStore eventStore, EventIntegrity integrity) {
        return new EventHistory(eventStore, integrity);
    }

    @Bean
    public ChainHeadPublisher chainHeadPublisher(DataSource dataSource, KafkaProperties kafkaProperties,
                                                 @Value("${spring.application.name}") String service,
                                                 @Value("${servicedesk.audit.chain-heads.batch-size:1000}") int batchSize,
                                                 @Value("${servicedesk.relay.ack-timeout:30s}") Duration ackTimeout,
                                                 Clock clock, MeterRegistry meters) {
        Map<String, Object> producer = new HashMap<>(kafkaProperties.buildProducerProperties());
        producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return new ChainHeadPublisher(new JdbcTemplate(dataSource), new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(producer)),
                service, batchSize, ackTimeout, clock, meters);
    }
}

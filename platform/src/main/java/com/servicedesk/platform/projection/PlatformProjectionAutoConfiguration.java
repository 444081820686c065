package com.servicedesk.platform.projection;

import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;

/** Projection positions, lag and rebuilds for every service (see {@link ProjectionRebuilds}). */
@AutoConfiguration(afterName = {
        "com.servicedesk.platform.axon.PlatformAxonAutoConfiguration",
        "com.servicedesk.platform.mongo.PlatformMongoAutoConfiguration",
        "com.servicedesk.platform.relay.PlatformKafkaAutoConfiguration",
        "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration"})
public class PlatformProjectionAutoConfiguration {

    @Bean(destroyMethod = "shutdown")
    public ProjectionRebuilds projectionRebuilds(ObjectProvider<RebuildableProjection> projections, MongoDatabase readModelDatabase,
                                                 JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
                                                 KafkaProperties kafkaProperties, KafkaListenerEndpointRegistry listeners,
                                                 MeterRegistry meters, Clock clock,
                                                 @Value("${servicedesk.projections.rebuild.pause-timeout:30s}") Duration pauseTimeout,
                                                 @Value("${servicedesk.projections.rebuild.progress-log-interval:5s}") Duration progressLog) {
        return new ProjectionRebuilds(projections.orderedStream().toList(), readModelDatabase, jdbc,
                new TransactionTemplate(transactionManager), kafkaProperties.buildConsumerProperties(), listeners, meters, clock, pauseTimeout, progressLog);
    }

    @Bean
    public ListenerLag listenerLag(KafkaAdmin kafkaAdmin) {
        return new ListenerLag(() -> Admin.create(kafkaAdmin.getConfigurationProperties()));
    }

    @Bean
    public ProjectionAdminController projectionAdminController(KafkaListenerEndpointRegistry listeners, ProjectionRebuilds rebuilds,
                                                               ListenerLag listenerLag, @Value("${spring.application.name}") String service) {
        return new ProjectionAdminController(listeners, rebuilds, listenerLag, service);
    }
}

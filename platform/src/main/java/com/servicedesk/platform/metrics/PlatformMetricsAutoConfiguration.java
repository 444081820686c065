package com.servicedesk.platform.metrics;

import com.servicedesk.platform.axon.PlatformAxonAutoConfiguration;
import com.servicedesk.platform.deadline.Deadlines;
import com.servicedesk.platform.deadline.PlatformDeadlineAutoConfiguration;
import com.servicedesk.platform.projection.ListenerLag;
import com.servicedesk.platform.projection.PlatformProjectionAutoConfiguration;
import com.servicedesk.platform.relay.KafkaEventRelay;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.scheduling.annotation.EnableScheduling;

import java.time.Clock;
import java.time.Duration;

/**
 * The operations gauges on {@code /actuator/prometheus}, the same in every service: relay lag where the service relays
 * its events, projection lag for every Kafka listener group, open SLA clocks where the service keeps a deadline index.
 * Lag figures are read at most once per {@code servicedesk.metrics.cache-for}.
 */
@AutoConfiguration(
        after = {PlatformAxonAutoConfiguration.class, PlatformProjectionAutoConfiguration.class, PlatformDeadlineAutoConfiguration.class},
        afterName = "org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration")
public class PlatformMetricsAutoConfiguration {

    @Bean
    public ProjectionLagMetrics projectionLagMetrics(KafkaListenerEndpointRegistry listeners, ListenerLag listenerLag, MeterRegistry meters,
                                                     @Value("${servicedesk.metrics.cache-for}") Duration cacheFor) {
        return new ProjectionLagMetrics(listeners, listenerLag, meters, cacheFor);
    }

    /** As the relay itself: only in services that own an aggregate. */
    @Bean
    @ConditionalOnProperty("servicedesk.relay.topic")
    public RelayLagMetrics relayLagMetrics(JdbcTemplate jdbc, Serializer serializer, Clock clock, MeterRegistry meters,
                                           @Value("${servicedesk.metrics.cache-for}") Duration cacheFor) {
        return new RelayLagMetrics(jdbc, serializer, KafkaEventRelay.PROCESSING_GROUP, clock, cacheFor, meters);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(Deadlines.class)
    @EnableScheduling
    static class OpenClocks {
        @Bean
        public OpenClockMetrics openClockMetrics(JdbcTemplate jdbc, Clock clock, MeterRegistry meters) {
            return new OpenClockMetrics(jdbc, clock, meters);
        }
    }
}

package com.servicedesk.platform;

import com.servicedesk.platform.axon.AuditCorrelationDataProvider;
import com.servicedesk.platform.testing.ServiceTestProperties;
import com.servicedesk.events.Topics;
import com.servicedesk.platform.relay.PlatformKafkaAutoConfiguration;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.spring.messaging.unitofwork.SpringTransactionManager;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Axon 4.13 on Boot 4 silently falls back to no transactions and an in-memory token store when its auto-configuration
 * runs too early (shared/STACK.md). This asserts what Axon actually uses, and how the topics are kept.
 */
@SpringBootTest(classes = PlatformTestApplication.class, properties = {
        "spring.application.name=platform-wiring", "servicedesk.relay.topic=servicedesk.intake.complaint.v1"})
class AxonWiringTest {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry, "platform");
    }

    @Autowired
    Configuration axon;
    @Autowired
    EventStore eventStore;
    @Autowired
    KafkaAdmin kafkaAdmin;

    @Test
    void axonRunsOnSpringTransactionsJdbcTokensJdbcEventsAndJackson() {
        assertThat(axon.getComponent(TransactionManager.class)).isInstanceOf(SpringTransactionManager.class);
        assertThat(axon.getComponent(TokenStore.class)).isInstanceOf(JdbcTokenStore.class);
        assertThat(axon.getComponent(EventStorageEngine.class)).isInstanceOf(JdbcEventStorageEngine.class);
        assertThat(axon.eventSerializer()).isInstanceOf(JacksonSerializer.class);
        assertThat(axon.serializer()).isInstanceOf(JacksonSerializer.class);
        assertThat(axon.correlationDataProviders()).hasSize(1).first().isInstanceOf(AuditCorrelationDataProvider.class);
    }

    /** Rebuilds replay the topics from their start: they must be kept for ever, not for the broker's default week. */
    @Test
    void everyEventTopicAndItsDeadLettersAreKeptForEver() throws Exception {
        List<String> topics = new ArrayList<>();
        for (String topic : List.of(Topics.COMPLAINT, Topics.SERVICE_ORDER, Topics.CAPA, Topics.SCORECARD, Topics.CHAIN_HEADS)) {
            topics.add(topic);
            topics.add(topic + PlatformKafkaAutoConfiguration.DEAD_LETTER_SUFFIX);
        }
        try (AdminClient client = AdminClient.create(kafkaAdmin.getConfigurationProperties())) {
            Map<ConfigResource, Config> configs = client.describeConfigs(topics.stream()
                    .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic)).toList()).all().get();
            assertThat(configs).hasSize(topics.size());
            configs.forEach((topic, config) -> {
                ConfigEntry retention = config.get(TopicConfig.RETENTION_MS_CONFIG);
                assertThat(retention.value()).as(topic.name()).isEqualTo("-1");
                assertThat(retention.source()).as(topic.name()).isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
            });
        }
    }

    /** Two writers appending the same aggregate sequence: the database refuses the second, the API answers 409. */
    @Test
    void aConcurrentAppendToTheSameAggregateIsRefused() {
        String id = UUID.randomUUID().toString();
        eventStore.publish(new GenericDomainEventMessage<>("Thing", id, 0, "created"));
        assertThatThrownBy(() -> eventStore.publish(new GenericDomainEventMessage<>("Thing", id, 0, "created again")))
                .isInstanceOf(AggregateStreamCreationException.class);

        eventStore.publish(new GenericDomainEventMessage<>("Thing", id, 1, "changed"));
        assertThatThrownBy(() -> eventStore.publish(new GenericDomainEventMessage<>("Thing", id, 1, "changed meanwhile")))
                .isInstanceOf(ConcurrencyException.class);

        assertThat(eventStore.readEvents(id).asStream().map(m -> (Object) m.getPayload()).toList()).containsExactly("created", "changed");
    }
}

package com.servicedesk.platform.consumer;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import java.util.Map;
import java.util.TreeMap;

/**
 * A service is ready only when every Kafka listener has its partitions: until the group has assigned them an event
 * published now would wait for the join, and the read model would miss API.md's one-second promise. The local stack
 * and an orchestrator's readiness probe wait for this.
 */
public class KafkaConsumersHealthIndicator implements HealthIndicator {
    private final KafkaListenerEndpointRegistry registry;

    public KafkaConsumersHealthIndicator(KafkaListenerEndpointRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Health health() {
        Map<String, Object> partitions = new TreeMap<>();
        boolean allAssigned = true;
        for (MessageListenerContainer container : registry.getListenerContainers()) {
            var assigned = container.getAssignedPartitions();
            int count = assigned == null ? 0 : assigned.size();
            partitions.put(container.getListenerId(), count);
            allAssigned &= container.isRunning() && count > 0;
        }
        return (allAssigned ? Health.up() : Health.down().withDetail("reason", "waiting for partition assignment"))
                .withDetail("assignedPartitions", partitions).build();
    }
}

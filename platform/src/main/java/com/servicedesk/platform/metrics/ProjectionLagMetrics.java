package com.servicedesk.platform.metrics;

import com.servicedesk.platform.projection.ListenerLag;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code servicedesk.projection.lag.records{group}}: records on its topics that each Kafka listener group of the service
 * has not committed yet (end offset minus committed offset, summed over the partitions; see {@link ListenerLag}). The
 * gauges are registered once the application has started, because the listener containers are created after the
 * singletons; one read covers every group.
 */
public class ProjectionLagMetrics implements ApplicationListener<ApplicationStartedEvent> {
    private final KafkaListenerEndpointRegistry listeners;
    private final ListenerLag listenerLag;
    private final MeterRegistry meters;
    private final Cached<Map<String, Long>> lags;

    public ProjectionLagMetrics(KafkaListenerEndpointRegistry listeners, ListenerLag listenerLag, MeterRegistry meters,
                                Duration cacheFor) {
        this.listeners = listeners;
        this.listenerLag = listenerLag;
        this.meters = meters;
        this.lags = new Cached<>("projection lag", this::read, cacheFor);
    }

    @Override
    public void onApplicationEvent(ApplicationStartedEvent event) {
        TreeSet<String> groups = new TreeSet<>();
        listeners.getListenerContainers().forEach(container -> groups.add(container.getGroupId()));
        for (String group : groups) {
            Gauge.builder("servicedesk.projection.lag.records", lags,
                            cached -> cached.get().map(lag -> lag.getOrDefault(group, 0L).doubleValue()).orElse(Double.NaN))
                    .description("records on the group's topics not yet consumed and committed")
                    .tag("group", group)
                    .baseUnit("records")
                    .strongReference(true)
                    .register(meters);
        }
    }

    private Map<String, Long> read() throws Exception {
        Map<String, Long> byGroup = new HashMap<>();
        for (MessageListenerContainer container : listeners.getListenerContainers()) {
            ListenerLag.Lag lag = listenerLag.of(container);
            byGroup.merge(lag.group(), lag.lag(), Long::sum);
        }
        return byGroup;
    }
}

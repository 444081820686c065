package com.servicedesk.platform.projection;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.listener.MessageListenerContainer;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * How far a Kafka listener is behind: its group's committed offsets against the end of its topics, summed over the
 * partitions. The one place this is computed, for the projections admin API and the lag gauges alike; it keeps one
 * Admin client for the service's life rather than connecting anew for every question.
 */
public class ListenerLag implements AutoCloseable {
    private static final long TIMEOUT_SECONDS = 5;

    private final Supplier<Admin> adminFactory;
    private Admin admin;

    /** @param position committed offsets summed over the partitions (0 where the group never committed) */
    public record Lag(String group, List<String> topics, long position, long end) {
        public long lag() {
            return end - position;
        }
    }

    public ListenerLag(Supplier<Admin> adminFactory) {
        this.adminFactory = adminFactory;
    }

    public Lag of(MessageListenerContainer container) throws Exception {
        String group = container.getGroupId();
        List<String> topics = container.getContainerProperties().getTopics() == null ? List.of()
                : Arrays.asList(container.getContainerProperties().getTopics());
        Admin admin = admin();
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).values()
                .forEach(topic -> topic.partitions().forEach(p -> latest.put(new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        long position = 0;
        long end = 0;
        for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> partition : ends.entrySet()) {
            OffsetAndMetadata at = committed.get(partition.getKey());
            position += at == null ? 0 : at.offset();
            end += partition.getValue().offset();
        }
        return new Lag(group, topics, position, end);
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = adminFactory.get();
        }
        return admin;
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(TIMEOUT_SECONDS));
        }
    }
}

package com.servicedesk.platform.projection;

import com.servicedesk.platform.web.NotFoundException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The service's projections and consumers: every Kafka listener with its committed position, the topics' end and the
 * lag between them (events published and not yet applied), and for a rebuildable read model its collections and
 * its latest rebuild. Rebuilding is ADMIN's; the gateway answers {@code GET /admin/projections} for all services.
 */
@RestController
@PreAuthorize("hasRole('ADMIN')")
public class ProjectionAdminController {
    private static final long TIMEOUT_SECONDS = 5;

    private final KafkaListenerEndpointRegistry listeners;
    private final ProjectionRebuilds rebuilds;
    private final Supplier<Admin> kafkaAdmin;
    private final String service;

    public ProjectionAdminController(KafkaListenerEndpointRegistry listeners, ProjectionRebuilds rebuilds,
                                     Supplier<Admin> kafkaAdmin, String service) {
        this.listeners = listeners;
        this.rebuilds = rebuilds;
        this.kafkaAdmin = kafkaAdmin;
        this.service = service;
    }

    @GetMapping(path = "/api/v1/admin/projections", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> projections() throws Exception {
        List<Map<String, Object>> all = new ArrayList<>();
        try (Admin admin = kafkaAdmin.get()) {
            for (String id : new TreeSet<>(listeners.getListenerContainerIds())) {
                all.add(describe(admin, listeners.getListenerContainer(id)));
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("service", service);
        answer.put("projections", all);
        return answer;
    }

    @GetMapping(path = "/api/v1/admin/projections/{name}", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> projection(@PathVariable String name) throws Exception {
        MessageListenerContainer container = listeners.getListenerContainer(name);
        if (container == null) {
            throw new NotFoundException("Projection", name);
        }
        try (Admin admin = kafkaAdmin.get()) {
            return describe(admin, container);
        }
    }

    /** 202 with the job; its progress is in {@code GET /admin/projections/{name}} under {@code rebuild}. */
    @PostMapping(path = "/api/v1/admin/projections/{name}/rebuild", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Map<String, Object> rebuild(@PathVariable String name) {
        String jobId = rebuilds.start(name);
        return Map.of("jobId", jobId, "projection", name, "progress", "/api/v1/admin/projections/" + name);
    }

    private Map<String, Object> describe(Admin admin, MessageListenerContainer container) throws Exception {
        String name = container.getListenerId();
        String group = container.getGroupId();
        List<String> topics = container.getContainerProperties().getTopics() == null ? List.of()
                : Arrays.asList(container.getContainerProperties().getTopics());
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
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("name", name);
        answer.put("service", service);
        answer.put("group", group);
        answer.put("topics", topics);
        answer.put("state", !container.isRunning() ? "STOPPED" : container.isContainerPaused() ? "PAUSED" : "RUNNING");
        answer.put("position", position);
        answer.put("end", end);
        answer.put("lag", end - position);
        answer.put("rebuildable", rebuilds.isRebuildable(name));
        answer.put("collections", rebuilds.collectionsOf(name));
        answer.put("rebuild", rebuilds.lastRebuild(name).orElse(null));
        return answer;
    }
}

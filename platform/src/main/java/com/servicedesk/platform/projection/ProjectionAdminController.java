package com.servicedesk.platform.projection;

import com.servicedesk.platform.web.NotFoundException;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The service's projections and consumers: every Kafka listener with its committed position, the topics' end and the
 * lag between them (events published and not yet applied), and for a rebuildable read model its collections, its
 * tables and its latest rebuild. Rebuilding is ADMIN's; the gateway answers {@code GET /admin/projections} for all services.
 */
@RestController
@PreAuthorize("hasRole('ADMIN')")
public class ProjectionAdminController {
    private final KafkaListenerEndpointRegistry listeners;
    private final ProjectionRebuilds rebuilds;
    private final ListenerLag listenerLag;
    private final String service;

    public ProjectionAdminController(KafkaListenerEndpointRegistry listeners, ProjectionRebuilds rebuilds,
                                     ListenerLag listenerLag, String service) {
        this.listeners = listeners;
        this.rebuilds = rebuilds;
        this.listenerLag = listenerLag;
        this.service = service;
    }

    @GetMapping(path = "/api/v1/admin/projections", produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> projections() throws Exception {
        List<Map<String, Object>> all = new ArrayList<>();
        for (String id : new TreeSet<>(listeners.getListenerContainerIds())) {
            all.add(describe(listeners.getListenerContainer(id)));
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
        return describe(container);
    }

    /** 202 with the job; its progress is in {@code GET /admin/projections/{name}} under {@code rebuild}. */
    @PostMapping(path = "/api/v1/admin/projections/{name}/rebuild", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Map<String, Object> rebuild(@PathVariable String name) {
        String jobId = rebuilds.start(name);
        return Map.of("jobId", jobId, "projection", name, "progress", "/api/v1/admin/projections/" + name);
    }

    private Map<String, Object> describe(MessageListenerContainer container) throws Exception {
        String name = container.getListenerId();
        ListenerLag.Lag lag = listenerLag.of(container);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("name", name);
        answer.put("service", service);
        answer.put("group", lag.group());
        answer.put("topics", lag.topics());
        answer.put("state", !container.isRunning() ? "STOPPED" : container.isContainerPaused() ? "PAUSED" : "RUNNING");
        answer.put("position", lag.position());
        answer.put("end", lag.end());
        answer.put("lag", lag.lag());
        answer.put("rebuildable", rebuilds.isRebuildable(name));
        answer.put("collections", rebuilds.collectionsOf(name));
        answer.put("tables", rebuilds.tablesOf(name));
        answer.put("rebuild", rebuilds.lastRebuild(name).orElse(null));
        return answer;
    }
}

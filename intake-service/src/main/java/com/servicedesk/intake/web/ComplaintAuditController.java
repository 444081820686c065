package com.servicedesk.intake.web;

import com.servicedesk.platform.metadata.AuditMetadata;
import com.servicedesk.platform.web.NotFoundException;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every stored event of one complaint, in order, straight from the event store (not from a read model). */
@RestController
public class ComplaintAuditController {
    private final EventStore eventStore;

    public ComplaintAuditController(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @GetMapping(path = "/api/v1/audit/complaints/{complaintId}/events", produces = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasRole('AUDITOR')")
    public List<Map<String, Object>> events(@PathVariable String complaintId) {
        List<Map<String, Object>> events = new ArrayList<>();
        eventStore.readEvents(complaintId).asStream().forEach(message -> events.add(entry(message)));
        if (events.isEmpty()) {
            throw new NotFoundException("Complaint", complaintId);
        }
        return events;
    }

    private static Map<String, Object> entry(DomainEventMessage<?> message) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("sequence", message.getSequenceNumber());
        entry.put("eventId", message.getIdentifier());
        entry.put("type", com.servicedesk.events.EventTypes.typeOf(message.getPayloadType()));
        entry.put("occurredAt", message.getTimestamp());
        entry.put("actor", message.getMetaData().get(AuditMetadata.ACTOR));
        entry.put("correlationId", message.getMetaData().get(AuditMetadata.CORRELATION_ID));
        entry.put("causationId", message.getMetaData().get(AuditMetadata.CAUSATION_ID));
        entry.put("payload", message.getPayload());
        return entry;
    }
}

package com.servicedesk.platform.audit;

import com.servicedesk.events.EventTypes;
import com.servicedesk.platform.metadata.AuditMetadata;
import com.servicedesk.platform.web.NotFoundException;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every stored event of one aggregate, in order, straight from the event store (never from a read model). */
public class EventHistory {
    private final EventStore eventStore;
    private final EventIntegrity integrity;

    public EventHistory(EventStore eventStore, EventIntegrity integrity) {
        this.eventStore = eventStore;
        this.integrity = integrity;
    }

    /** @throws NotFoundException when the store holds nothing for {@code aggregateId} */
    public List<Map<String, Object>> of(String aggregateType, String aggregateId) {
        List<Map<String, Object>> events = new ArrayList<>();
        eventStore.readEvents(aggregateId).asStream().forEach(message -> events.add(entry(message)));
        if (events.isEmpty()) {
            throw new NotFoundException(aggregateType, aggregateId);
        }
        Map<Long, String> links = integrity.links(aggregateId);
        events.forEach(event -> event.put("hash", links.get((Long) event.get("sequence"))));
        return events;
    }

    /** Recomputes the aggregate's hash chain: {@code {valid, events, firstBrokenSequence, head}}. */
    public Map<String, Object> integrity(String aggregateType, String aggregateId) {
        return integrity.check(aggregateType, aggregateId);
    }

    /**
     * The correlation id an aggregate's first event carries (for everything stemming from a complaint: the complaint's
     * id), so commands on it from the REST API keep the same correlation; null when it has none.
     *
     * @throws NotFoundException when the store holds nothing for {@code aggregateId}
     */
    public String correlationIdOf(String aggregateType, String aggregateId) {
        DomainEventStream stream = eventStore.readEvents(aggregateId);
        if (!stream.hasNext()) {
            throw new NotFoundException(aggregateType, aggregateId);
        }
        Object correlationId = stream.next().getMetaData().get(AuditMetadata.CORRELATION_ID);
        return correlationId == null ? null : correlationId.toString();
    }

    private static Map<String, Object> entry(DomainEventMessage<?> message) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("sequence", message.getSequenceNumber());
        entry.put("eventId", message.getIdentifier());
        entry.put("type", EventTypes.typeOf(message.getPayloadType()));
        entry.put("occurredAt", message.getTimestamp());
        entry.put("actor", message.getMetaData().get(AuditMetadata.ACTOR));
        entry.put("correlationId", message.getMetaData().get(AuditMetadata.CORRELATION_ID));
        entry.put("causationId", message.getMetaData().get(AuditMetadata.CAUSATION_ID));
        entry.put("payload", message.getPayload());
        return entry;
    }
}

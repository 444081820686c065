package com.servicedesk.platform.audit;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.servicedesk.events.EventTypes;
import com.servicedesk.platform.axon.AxonJson;
import com.servicedesk.platform.metadata.AuditMetadata;
import com.servicedesk.platform.web.NotFoundException;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;


import java.util.LinkedHashMap;
import java.util.Map;

/** Every stored event of one aggregate, in order, straight from the event store (never from a read model). */
public class EventHistory {
    // the stored events' own JSON form; the generator must not close the response stream between events
    private static final ObjectWriter WRITER = AxonJson.mapper().writer()
            .without(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    private static final byte[] OPEN = {'['};
    private static final byte[] CLOSE = {']'};
    private static final byte[] EMPTY = {};
    private final EventStore eventStore;
    private final EventIntegrity integrity;

    public EventHistory(EventStore eventStore, EventIntegrity integrity) {
        this.eventStore = eventStore;
        this.integrity = integrity;
    }

    /**
     * Every stored event of the aggregate in order, each with its link, streamed as it is read from the store so that
     * a long history never sits in memory: {@code format} absent or {@code json} is one JSON array, {@code jsonl} one
     * event per line for export. Both are written with the stored events' own JSON form.
     *
     * @throws NotFoundException when the store holds nothing for {@code aggregateId}
     * @throws CommandValidationException naming {@code format} for any other format
     */
    public ResponseEntity<StreamingResponseBody> export(String aggregateType, String aggregateId, String format) {
        boolean lines = ExportFormat.isJsonLines(format);
        DomainEventStream stream = eventStore.readEvents(aggregateId);
        if (!stream.hasNext()) {
            throw new NotFoundException(aggregateType, aggregateId);
        }
        Map<Long, String> links = integrity.links(aggregateId);
        StreamingResponseBody body = out -> {
            out.write(lines ? EMPTY : OPEN);
            boolean first = true;
            while (stream.hasNext()) {
                Map<String, Object> event = entry(stream.next());
                event.put("hash", links.get((Long) event.get("sequence")));
                if (!lines && !first) {
                    out.write(',');
                }
                WRITER.writeValue(out, event);
                if (lines) {
                    out.write('\n');
                }
                first = false;
            }
            out.write(lines ? EMPTY : CLOSE);
            out.flush();
        };
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok().contentType(lines ? MediaType.APPLICATION_NDJSON : MediaType.APPLICATION_JSON);
        if (lines) {
            answer.header(HttpHeaders.CONTENT_DISPOSITION,
                    ExportFormat.attachment(aggregateType.toLowerCase().replace(' ', '-'), aggregateId, "events"));
        }
        return answer.body(body);
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

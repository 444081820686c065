package com.servicedesk.reporting.query;

import com.servicedesk.events.Topics;
import com.servicedesk.platform.relay.CloudEventCodec;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The audit trace's store ({@code trace_event} in reporting's PostgreSQL, see db/reporting-schema.sql): every event of
 * the four topics, with its whole envelope (actor, correlation, causation, source, times) and its payload as published.
 * {@link ComplaintTraceQuery} reads one complaint's story from it by correlation id.
 * <p>
 * Why not the platform's {@code IdempotentConsumer}: it decodes the payload into this build's records and skips a type
 * it does not know, which is right for a read model and wrong for an audit record (a newer producer's event would be
 * missing from the trace). Here the payload is kept as the producer wrote it, whatever its type, and exactly-once comes
 * from the table itself: the event id is the primary key, so a redelivery or replay is {@code ON CONFLICT DO NOTHING}
 * in the same statement, with no position kept elsewhere that a crash could separate from the row.
 * <p>
 * A record that is not a CloudEvent, or whose data is not JSON, throws and ends in the dead-letter topic like any other
 * consumer's. So does a second, different event claiming an aggregate's sequence: the trace must not tell one step
 * twice, and such an event is a fault someone has to look at, not something to drop silently.
 */
@Component
public class AuditTraceProjection {
    public static final String NAME = "reporting-audit-trace";

    /** Where an event comes from, by topic: one topic per aggregate type (ARCHITECTURE.md). */
    public record Origin(String service, String aggregateType) {
    }

    public static final Map<String, Origin> ORIGINS = Map.of(
            Topics.COMPLAINT, new Origin("intake", "Complaint"),
            Topics.SERVICE_ORDER, new Origin("fieldservice", "ServiceOrder"),
            Topics.CAPA, new Origin("quality", "Capa"),
            Topics.SCORECARD, new Origin("satisfaction", "Scorecard"));
    /** In their order along a complaint's story; a trace counts every one of them, zero when absent. */
    public static final List<String> SERVICES = List.of("intake", "fieldservice", "quality", "satisfaction");

    private final JdbcTemplate jdbc;
    private final MeterRegistry meters;

    public AuditTraceProjection(JdbcTemplate jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.meters = meters;
    }

    @KafkaListener(id = NAME, topics = {Topics.COMPLAINT, Topics.SERVICE_ORDER, Topics.CAPA, Topics.SCORECARD},
            groupId = "${servicedesk.projections.audit-trace.group:" + NAME + "}",
            concurrency = "${servicedesk.projections.audit-trace.concurrency:1}")
    public void on(ConsumerRecord<String, byte[]> record) {
        Origin origin = ORIGINS.get(record.topic());
        if (origin == null) {
            throw new IllegalArgumentException("no origin known for topic " + record.topic());
        }
        record(origin, record.key(), KafkaMessageFactory.createReader(record).toEvent());
    }

    /** @return whether the event was new to the trace */
    boolean record(Origin origin, String key, CloudEvent event) {
        String aggregateId = event.getSubject() != null ? event.getSubject() : key;
        String sequenceText = extension(event, CloudEventCodec.SEQUENCE);
        long sequence = sequenceText == null ? -1 : Long.parseLong(sequenceText);
        Instant occurredAt = event.getTime() == null ? Instant.EPOCH : event.getTime().toInstant();
        String payload = new String(Objects.requireNonNull(event.getData(), "data of event " + event.getId()).toBytes(),
                StandardCharsets.UTF_8);
        int inserted = jdbc.update("INSERT INTO trace_event (event_id, service, aggregate_type, aggregate_id, sequence, type, "
                        + "occurred_at, source, actor, correlation_id, causation_id, payload) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb) ON CONFLICT DO NOTHING",
                event.getId(), origin.service(), origin.aggregateType(), Objects.requireNonNull(aggregateId, "aggregate id"),
                sequence, event.getType(), Timestamp.from(occurredAt),
                event.getSource() == null ? null : event.getSource().toString(), extension(event, CloudEventCodec.ACTOR),
                extension(event, CloudEventCodec.CORRELATION_ID), extension(event, CloudEventCodec.CAUSATION_ID), payload);
        if (inserted == 1) {
            meters.counter("servicedesk.consumer.applied", "consumer", NAME).increment();
            return true;
        }
        Integer same = jdbc.queryForObject("SELECT count(*) FROM trace_event WHERE event_id = ?", Integer.class, event.getId());
        if (same == null || same == 0) {
            throw new IllegalStateException(origin.aggregateType() + " " + aggregateId + " sequence " + sequence
                    + " is already in the trace as another event than " + event.getId());
        }
        meters.counter("servicedesk.consumer.ignored", "consumer", NAME).increment();
        return false;
    }

    private static String extension(CloudEvent event, String name) {
        Object value = event.getExtension(name);
        return value == null ? null : value.toString();
    }
}

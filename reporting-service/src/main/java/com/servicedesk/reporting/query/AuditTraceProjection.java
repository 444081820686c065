package com.servicedesk.reporting.query;

import com.servicedesk.events.Topics;
import com.servicedesk.platform.relay.CloudEventCodec;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
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

    private static final String INSERT = "INSERT INTO trace_event (event_id, service, aggregate_type, aggregate_id, "
            + "sequence, type, occurred_at, source, actor, correlation_id, causation_id, payload) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb) ON CONFLICT DO NOTHING";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final MeterRegistry meters;

    public AuditTraceProjection(JdbcTemplate jdbc, TransactionTemplate transaction, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.meters = meters;
    }

    /**
     * A batch of records in one transaction and one JDBC batch. A record that cannot be read fails after the ones
     * before it are stored; a batch the database refuses (a payload that is not JSON) is stored again one record at a
     * time to find the record at fault. Either way the failing record is retried and at last dead-lettered alone.
     */
    @KafkaListener(id = NAME, batch = "true", topics = {Topics.COMPLAINT, Topics.SERVICE_ORDER, Topics.CAPA, Topics.SCORECARD},
            groupId = "${servicedesk.projections.audit-trace.group:" + NAME + "}",
            concurrency = "${servicedesk.projections.audit-trace.concurrency:1}")
    public void on(List<ConsumerRecord<String, byte[]>> records) {
        List<Row> rows = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                rows.add(row(record));
            } catch (RuntimeException unreadable) {
                store(rows);
                throw new BatchListenerFailedException("unreadable record for the audit trace", unreadable, record);
            }
        }
        store(rows);
    }

    /** One record as the row it becomes. */
    private record Row(ConsumerRecord<String, byte[]> record, Origin origin, String aggregateId, long sequence, Object[] values) {
    }

    private static Row row(ConsumerRecord<String, byte[]> record) {
        Origin origin = ORIGINS.get(record.topic());
        if (origin == null) {
            throw new IllegalArgumentException("no origin known for topic " + record.topic());
        }
        CloudEvent event = KafkaMessageFactory.createReader(record).toEvent();
        String aggregateId = event.getSubject() != null ? event.getSubject() : record.key();
        String sequenceText = extension(event, CloudEventCodec.SEQUENCE);
        long sequence = sequenceText == null ? -1 : Long.parseLong(sequenceText);
        Instant occurredAt = event.getTime() == null ? Instant.EPOCH : event.getTime().toInstant();
        String payload = new String(Objects.requireNonNull(event.getData(), "data of event " + event.getId()).toBytes(),
                StandardCharsets.UTF_8);
        return new Row(record, origin, Objects.requireNonNull(aggregateId, "aggregate id"), sequence, new Object[]{
                event.getId(), origin.service(), origin.aggregateType(), aggregateId,
                sequence, event.getType(), Timestamp.from(occurredAt),
                event.getSource() == null ? null : event.getSource().toString(), extension(event, CloudEventCodec.ACTOR),
                extension(event, CloudEventCodec.CORRELATION_ID), extension(event, CloudEventCodec.CAUSATION_ID), payload});
    }

    private void store(List<Row> rows) {
        if (rows.isEmpty()) {
            return;
        }
        Row conflicting;
        try {
            conflicting = transaction.execute(status -> check(rows, jdbc.batchUpdate(INSERT, rows.stream().map(Row::values).toList())));
        } catch (DataAccessException refused) {
            if (rows.size() == 1) {
                throw new BatchListenerFailedException("the audit trace refused a record", refused, rows.get(0).record());
            }
            for (Row row : rows) {
                store(List.of(row));
            }
            return;
        }
        // the rows around it are stored (committed): only the conflicting one is retried and dead-lettered
        if (conflicting != null) {
            throw new BatchListenerFailedException(conflicting.origin().aggregateType() + " " + conflicting.aggregateId()
                    + " sequence " + conflicting.sequence() + " is already in the trace as another event than "
                    + conflicting.values()[0], new IllegalStateException("sequence claimed twice"), conflicting.record());
        }
    }

    /**
     * Counts new and known events.
     *
     * @return the first row whose event id is new yet stored nothing (it claims a sequence another event has), or null
     */
    private Row check(List<Row> rows, int[] inserted) {
        int added = 0;
        Row conflicting = null;
        for (int i = 0; i < rows.size(); i++) {
            if (inserted[i] == 1) {
                added++;
                continue;
            }
            Row row = rows.get(i);
            String eventId = (String) row.values()[0];
            Integer same = jdbc.queryForObject("SELECT count(*) FROM trace_event WHERE event_id = ?", Integer.class, eventId);
            if (same == null || same == 0) {
                conflicting = conflicting == null ? row : conflicting;
            } else {
                meters.counter("servicedesk.consumer.ignored", "consumer", NAME).increment();
            }
        }
        meters.counter("servicedesk.consumer.applied", "consumer", NAME).increment(added);
        return conflicting;
    }

    private static String extension(CloudEvent event, String name) {
        Object value = event.getExtension(name);
        return value == null ? null : value.toString();
    }
}

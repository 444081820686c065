package com.servicedesk.reporting.query;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import com.servicedesk.events.Topics;
import com.servicedesk.events.intake.ComplaintAcknowledgedEvent;
import com.servicedesk.events.intake.ComplaintClassifiedEvent;
import com.servicedesk.events.intake.ComplaintClosedEvent;
import com.servicedesk.events.intake.ComplaintRegisteredEvent;
import com.servicedesk.events.intake.ComplaintRepliedEvent;
import com.servicedesk.events.intake.ComplaintStatus;
import com.servicedesk.events.intake.ComplaintVerificationChangedEvent;
import com.servicedesk.events.intake.ComplaintVerifiedEvent;
import com.servicedesk.events.intake.FieldServiceArrivalRecordedEvent;
import com.servicedesk.events.intake.FieldServiceFinishedEvent;
import com.servicedesk.events.intake.FieldServiceLinkedEvent;
import com.servicedesk.events.intake.FieldServiceRequestedEvent;
import com.servicedesk.events.intake.IntakeEvents;
import com.servicedesk.events.intake.ProductReturnRecordedEvent;
import com.servicedesk.events.intake.SlaBreachedEvent;
import com.servicedesk.events.intake.SlaClock;
import com.servicedesk.platform.consumer.IdempotentConsumer;
import com.servicedesk.platform.consumer.PublishedEvent;
import com.servicedesk.platform.deadline.ClockState;
import com.servicedesk.platform.mongo.ReadModelBatch;
import com.servicedesk.platform.projection.AggregateDocumentProjection;
import com.servicedesk.platform.projection.ReadModelTarget;
import com.servicedesk.reporting.config.ReportingProperties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Every complaint's whole story for analysts ({@code report_complaints}), the counters per day, category, channel,
 * region and severity ({@code report_daily_counters}) and the yearly summaries the report reads
 * ({@link YearlySummaries#COMPLAINTS}); all documented in docs/analysts-guide.md. Events are applied a batch at a time to the complaints' documents (their {@code version}
 * guards against a second application).
 * <p>
 * A counter holds the ids it counts ({@code registeredIds}, {@code closedIds}, {@code companyResponsibleIds}) and
 * its numbers are their sizes. After a batch, each complaint it touched leaves the counters it was in before the batch
 * and no longer is, and enters those it is in now: set operations that a redelivery cannot count twice. The counters
 * are written before the complaints' documents, so a crash in between redelivers the events and the counters are
 * right either way. Only the counters complaints entered or left are read (one query per batch) and written: the cost
 * follows the batch, not the number of complaints.
 */
@Component
public class ComplaintStoryProjection extends AggregateDocumentProjection {
    public static final String NAME = "reporting-complaint-story";
    public static final String COLLECTION = "report_complaints";
    public static final String COUNTERS = "report_daily_counters";
    private static final List<String> COUNTED = List.of("registered", "closed", "companyResponsible");

    private final IdempotentConsumer consumer;
    private final ReportingProperties properties;
    private final ZoneId zone;
    private final double atRiskFraction;

    public ComplaintStoryProjection(MongoDatabase readModelDatabase, IdempotentConsumer consumer, ReportingProperties properties) {
        super(NAME, readModelDatabase, COLLECTION, "complaint", List.of(COUNTERS, YearlySummaries.COMPLAINTS), List.of());
        this.properties = properties;
        this.consumer = consumer;
        this.zone = properties.zone();
        this.atRiskFraction = properties.atRiskFraction();
        var complaints = readModelDatabase.getCollection(COLLECTION);
        complaints.createIndex(Indexes.ascending("receivedYear", "customerId"));
        complaints.createIndex(Indexes.ascending("status", "region", "category"));
        complaints.createIndex(Indexes.ascending("receivedDay", "category", "channel", "region", "severity"));
        complaints.createIndex(Indexes.ascending("closedDay", "category", "channel", "region", "severity"));
        readModelDatabase.getCollection(COUNTERS).createIndex(Indexes.ascending("day", "category"));
        summarize(YearlySummaries.COMPLAINTS, YearlySummaries::complaint);
        router.on(ComplaintRegisteredEvent.class, (batch, e, event) -> {
            memberships(batch).putIfAbsent(event.aggregateId(), List.of());
            history(create(batch, event, registered(e, event)), event);
        })
                .on(ComplaintAcknowledgedEvent.class, (batch, e, event) -> stop(clocks(change(batch, event)).get("acknowledge", Document.class), event.occurredAt()))
                .on(ComplaintRepliedEvent.class, (batch, e, event) -> stop(clocks(change(batch, event)).get("reply", Document.class), event.occurredAt()))
                .on(ComplaintClassifiedEvent.class, (batch, e, event) -> change(batch, event)
                        .append("category", e.category().name()).append("severity", e.severity().name()))
                .on(ComplaintVerifiedEvent.class, (batch, e, event) ->
                        verified(change(batch, event), e.companyResponsible(), e.confirmedCategory().name(), event.occurredAt()))
                .on(ComplaintVerificationChangedEvent.class, (batch, e, event) ->
                        verified(change(batch, event), e.companyResponsible(), e.confirmedCategory().name(), event.occurredAt()))
                .on(FieldServiceRequestedEvent.class, (batch, e, event) -> change(batch, event).getList("onSite", Document.class)
                        .add(clock(e.receivedAt(), e.onSiteDueAt()).append("requestId", e.requestId())
                                .append("serviceOrderId", null).append("cancelled", false)))
                .on(FieldServiceLinkedEvent.class, this::linked)
                .on(FieldServiceArrivalRecordedEvent.class, (batch, e, event) -> stop(onSite(change(batch, event), e.requestId()), e.arrivedAt()))
                .on(FieldServiceFinishedEvent.class, (batch, e, event) -> onSite(change(batch, event), e.requestId()).put("cancelled", e.cancelled()))
                .on(ProductReturnRecordedEvent.class, (batch, e, event) -> change(batch, event).getList("returns", Document.class)
                        .add(new Document("returnId", e.returnId()).append("quantity", e.quantity()).append("reason", e.reason())
                                .append("at", Date.from(event.occurredAt()))))
                .on(SlaBreachedEvent.class, this::breached)
                .on(ComplaintClosedEvent.class, this::closed)
                // every other event moves the status and is a line of the history
                .onAnyOther(IntakeEvents.PUBLISHED, (batch, e, event) -> change(batch, event));
    }

    @Override
    public ComplaintStoryProjection writingTo(ReadModelTarget target) {
        return new ComplaintStoryProjection(target.database(), consumer, properties);
    }

    @KafkaListener(id = NAME, batch = "true", topics = Topics.COMPLAINT,
            groupId = "${servicedesk.projections.complaint-story.group:" + NAME + "}",
            concurrency = "${servicedesk.projections.complaint-story.concurrency:1}")
    public void on(List<ConsumerRecord<String, byte[]>> records) {
        consumer.consume(NAME, records, this);
    }

    /**
     * Notes the counters the complaint is in before the batch's first change of it, moves its status and adds the
     * event to its history.
     */
    @Override
    protected void changing(ReadModelBatch batch, Document complaint, PublishedEvent event) {
        memberships(batch).computeIfAbsent(event.aggregateId(), id -> memberships(complaint));
        ComplaintStatus status = ComplaintStatus.valueOf(complaint.getString("status")).after(event.payload());
        complaint.put("status", status.name());
        complaint.put("open", status.isOpen());
        if (status != ComplaintStatus.CLOSED) {
            complaint.put("closedAt", null);
            complaint.put("closedDay", null);
            complaint.put("hoursToClose", null);
        }
        history(complaint, event);
    }

    private static void history(Document complaint, PublishedEvent event) {
        complaint.getList("history", Document.class).add(new Document("sequence", event.sequence())
                .append("type", event.type()).append("at", Date.from(event.occurredAt())).append("actor", event.actor()));
    }

    private static Document clocks(Document complaint) {
        return complaint.get("clocks", Document.class);
    }

    private void linked(ReadModelBatch batch, FieldServiceLinkedEvent e, PublishedEvent event) {
        Document complaint = change(batch, event);
        List<String> ids = complaint.getList("serviceOrderIds", String.class);
        if (!ids.contains(e.serviceOrderId())) {
            ids.add(e.serviceOrderId());
        }
        onSite(complaint, e.requestId()).put("serviceOrderId", e.serviceOrderId());
    }

    private void breached(ReadModelBatch batch, SlaBreachedEvent e, PublishedEvent event) {
        Document clocks = clocks(change(batch, event));
        Document clock = e.clock() == SlaClock.ACKNOWLEDGE ? clocks.get("acknowledge", Document.class)
                : e.clock() == SlaClock.REPLY ? clocks.get("reply", Document.class) : null;
        if (clock != null) {
            clock.put("breachedAt", Date.from(event.occurredAt()));
        }
    }

    private void closed(ReadModelBatch batch, ComplaintClosedEvent e, PublishedEvent event) {
        Document complaint = change(batch, event);
        Instant at = event.occurredAt();
        complaint.put("closedAt", Date.from(at));
        complaint.put("closedDay", at.atZone(zone).toLocalDate().toString());
        Instant received = complaint.getDate("receivedAt").toInstant();
        complaint.put("hoursToClose", Math.round((at.toEpochMilli() - received.toEpochMilli()) / 36_000.0) / 100.0);
    }

    private Document registered(ComplaintRegisteredEvent e, PublishedEvent event) {
        Document clocks = new Document("acknowledge", clock(e.receivedAt(), e.acknowledgeDueAt()))
                .append("reply", clock(e.receivedAt(), e.replyDueAt()));
        return new Document("customerId", e.customerId())
                .append("customerName", e.customerName())
                .append("channel", e.channel().name())
                .append("registeredCategory", e.category().name())
                .append("category", e.category().name())
                .append("severity", e.severity().name())
                .append("region", e.region().name())
                .append("productModel", e.productModel())
                .append("serialNumber", e.serialNumber())
                .append("receivedAt", Date.from(e.receivedAt()))
                .append("receivedYear", e.receivedAt().atZone(zone).getYear())
                .append("receivedDay", e.receivedAt().atZone(zone).toLocalDate().toString())
                .append("recordedAt", Date.from(event.occurredAt()))
                .append("registeredBy", event.actor())
                .append("status", ComplaintStatus.REGISTERED.name())
                .append("open", true)
                .append("companyResponsible", null)
                .append("confirmedCategory", null)
                .append("verifiedAt", null)
                .append("closedAt", null)
                .append("closedDay", null)
                .append("hoursToClose", null)
                .append("clocks", clocks)
                .append("onSite", new ArrayList<Document>())
                .append("serviceOrderIds", new ArrayList<String>())
                .append("returns", new ArrayList<Document>())
                .append("history", new ArrayList<Document>());
    }

    private Document clock(Instant startedAt, Instant dueAt) {
        return new Document("startedAt", Date.from(startedAt)).append("dueAt", Date.from(dueAt))
                .append("atRiskAt", Date.from(ClockState.atRiskFrom(startedAt, dueAt, atRiskFraction)))
                .append("metAt", null).append("outcome", null).append("breachedAt", null);
    }

    private static void stop(Document clock, Instant at) {
        if (clock != null && clock.get("metAt") == null) {
            clock.put("metAt", Date.from(at));
            clock.put("outcome", ClockState.stopped(at, clock.getDate("dueAt").toInstant()).name());
        }
    }

    private static void verified(Document complaint, boolean companyResponsible, String category, Instant at) {
        complaint.put("companyResponsible", companyResponsible);
        complaint.put("confirmedCategory", category);
        complaint.put("category", category);
        complaint.put("verifiedAt", Date.from(at));
    }

    private static Document onSite(Document complaint, String requestId) {
        return complaint.getList("onSite", Document.class).stream()
                .filter(clock -> requestId.equals(clock.getString("requestId"))).findFirst()
                .orElseThrow(() -> new IllegalStateException("no field-service request " + requestId + " on " + complaint.get("_id")));
    }

    /** A complaint counted in one number of one counter. */
    private record Membership(Document key, String field) {
        String id() {
            return String.join("|", key.getString("day"), key.getString("category"), key.getString("channel"),
                    key.getString("region"), key.getString("severity"));
        }
    }

    /** The counters each complaint the batch changed was in before the batch (none for one it registered). */
    @SuppressWarnings("serial")
    private static final class BatchMemberships extends LinkedHashMap<String, List<Membership>> {
    }

    private static BatchMemberships memberships(ReadModelBatch batch) {
        return batch.attachment(BatchMemberships.class, BatchMemberships::new);
    }

    private static List<Membership> memberships(Document complaint) {
        List<Membership> memberships = new ArrayList<>();
        Document received = counterKey(complaint, complaint.getString("receivedDay"));
        memberships.add(new Membership(received, "registered"));
        if (Boolean.TRUE.equals(complaint.getBoolean("companyResponsible"))) {
            memberships.add(new Membership(received, "companyResponsible"));
        }
        if (complaint.getString("closedDay") != null) {
            memberships.add(new Membership(counterKey(complaint, complaint.getString("closedDay")), "closed"));
        }
        return memberships;
    }

    /**
     * Each complaint leaves the counters it was in before the batch and no longer is, and enters those it is in now;
     * the counters touched are read in one query and written whole with the batch, before the complaints.
     */
    @Override
    protected void beforeFlush(ReadModelBatch batch) {
        Map<String, Document> keys = new HashMap<>();
        Map<String, List<Runnable>> moves = new LinkedHashMap<>();
        memberships(batch).forEach((complaintId, before) -> {
            List<Membership> after = memberships(find(batch, complaintId));
            for (Membership left : before) {
                if (!after.contains(left)) {
                    keys.putIfAbsent(left.id(), left.key());
                    moves.computeIfAbsent(left.id(), id -> new ArrayList<>())
                            .add(() -> ids(batch, left).remove(complaintId));
                }
            }
            for (Membership entered : after) {
                if (!before.contains(entered)) {
                    keys.putIfAbsent(entered.id(), entered.key());
                    moves.computeIfAbsent(entered.id(), id -> new ArrayList<>()).add(() -> {
                        List<String> ids = ids(batch, entered);
                        if (!ids.contains(complaintId)) {
                            ids.add(complaintId);
                        }
                    });
                }
            }
        });
        if (moves.isEmpty()) {
            return;
        }
        batch.preload(COUNTERS, moves.keySet());
        moves.forEach((id, changes) -> {
            Document counter = batch.find(COUNTERS, id);
            if (counter == null) {
                counter = new Document("_id", id);
                counter.putAll(keys.get(id));
                batch.save(COUNTERS, counter);
            }
            changes.forEach(Runnable::run);
            Document changed = batch.find(COUNTERS, id);
            COUNTED.forEach(field -> changed.put(field, (long) changed.getList(field + "Ids", String.class, List.of()).size()));
            batch.save(COUNTERS, changed);
        });
    }

    /** The ids a counter counts in one number, created empty if it has none yet. */
    private static List<String> ids(ReadModelBatch batch, Membership membership) {
        Document counter = batch.find(COUNTERS, membership.id());
        List<String> ids = counter.getList(membership.field() + "Ids", String.class);
        if (ids == null) {
            ids = new ArrayList<>();
            counter.put(membership.field() + "Ids", ids);
        }
        return ids;
    }

    private static Document counterKey(Document complaint, String day) {
        return new Document("day", Objects.requireNonNull(day)).append("category", complaint.getString("category"))
                .append("channel", complaint.getString("channel")).append("region", complaint.getString("region"))
                .append("severity", complaint.getString("severity"));
    }
}

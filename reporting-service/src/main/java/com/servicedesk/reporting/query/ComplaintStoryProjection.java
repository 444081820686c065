package com.servicedesk.reporting.query;

import java.util.function.Consumer;
import com.servicedesk.platform.projection.RebuildableProjection;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
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
import com.servicedesk.events.intake.ProductReturnRecordedEvent;
import com.servicedesk.events.intake.SlaBreachedEvent;
import com.servicedesk.events.intake.SlaClock;
import com.servicedesk.platform.consumer.IdempotentConsumer;
import com.servicedesk.platform.consumer.PublishedEvent;
import com.servicedesk.platform.deadline.ClockState;
import com.servicedesk.platform.mongo.Documents;
import com.servicedesk.reporting.config.ReportingProperties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;

/**
 * Every complaint's whole story for analysts and the yearly report ({@code report_complaints}), and the counters per
 * day, category, channel, region and severity ({@code report_daily_counters}); both documented in the README's
 * "Read side for analysts". Each event is applied to the complaint's document read back whole (its {@code version}
 * guards against a second application), and the counters it touches are recounted from the documents, so a
 * redelivery can never count twice.
 */
@Component
public class ComplaintStoryProjection extends RebuildableProjection {
    public static final String NAME = "reporting-complaint-story";
    public static final String COLLECTION = "report_complaints";
    public static final String COUNTERS = "report_daily_counters";

    private final MongoCollection<Document> complaints;
    private final MongoCollection<Document> counters;
    private final IdempotentConsumer consumer;
    private final ReportingProperties properties;
    private final ZoneId zone;
    private final double atRiskFraction;

    public ComplaintStoryProjection(MongoDatabase readModelDatabase, IdempotentConsumer consumer, ReportingProperties properties) {
        super(NAME, List.of(COLLECTION, COUNTERS));
        this.properties = properties;
        this.complaints = readModelDatabase.getCollection(COLLECTION);
        this.counters = readModelDatabase.getCollection(COUNTERS);
        this.consumer = consumer;
        this.zone = properties.zone();
        this.atRiskFraction = properties.atRiskFraction();
        complaints.createIndex(Indexes.ascending("receivedYear", "customerId"));
        complaints.createIndex(Indexes.ascending("status", "region", "category"));
        complaints.createIndex(Indexes.ascending("receivedDay", "category", "channel", "region", "severity"));
        complaints.createIndex(Indexes.ascending("closedDay", "category", "channel", "region", "severity"));
        counters.createIndex(Indexes.ascending("day", "category"), new IndexOptions());
    }

    @Override
    public Consumer<PublishedEvent> writingTo(MongoDatabase database) {
        return new ComplaintStoryProjection(database, consumer, properties)::project;
    }

    @KafkaListener(id = NAME, topics = Topics.COMPLAINT,
            groupId = "${servicedesk.projections.complaint-story.group:" + NAME + "}",
            concurrency = "${servicedesk.projections.complaint-story.concurrency:1}")
    public void on(ConsumerRecord<String, byte[]> record) {
        consumer.consume(NAME, record, this::project);
    }

    void project(PublishedEvent event) {
        List<Document> countedBefore = new ArrayList<>();
        Document complaint = Documents.applyOnce(complaints, event.aggregateId(), event.sequence(), before -> {
            Document after;
            if (event.payload() instanceof ComplaintRegisteredEvent) {
                after = registered((ComplaintRegisteredEvent) event.payload(), event);
            } else if (before == null) {
                throw new IllegalStateException("complaint " + event.aggregateId() + " has no registration before " + event.type());
            } else {
                countedBefore.addAll(counterKeys(before));
                after = apply(before, event);
            }
            after.getList("history", Document.class).add(new Document("sequence", event.sequence())
                    .append("type", event.type()).append("at", Date.from(event.occurredAt())).append("actor", event.actor()));
            return after;
        });
        if (complaint != null) {
            recount(countedBefore, counterKeys(complaint));
        }
    }

    private Document registered(ComplaintRegisteredEvent e, PublishedEvent event) {
        Document clocks = new Document("acknowledge", clock(e.receivedAt(), e.acknowledgeDueAt()))
                .append("reply", clock(e.receivedAt(), e.replyDueAt()));
        return new Document("_id", e.complaintId())
                .append("customerId", e.customerId())
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

    /** Changes the document read from the store in place: it is this projection's own copy. */
    private Document apply(Document complaint, PublishedEvent event) {
        Object payload = event.payload();
        Instant at = event.occurredAt();
        ComplaintStatus status = ComplaintStatus.valueOf(complaint.getString("status")).after(payload);
        complaint.put("status", status.name());
        complaint.put("open", status.isOpen());
        Document clocks = complaint.get("clocks", Document.class);
        if (payload instanceof ComplaintAcknowledgedEvent) {
            stop(clocks.get("acknowledge", Document.class), at);
        } else if (payload instanceof ComplaintRepliedEvent) {
            stop(clocks.get("reply", Document.class), at);
        } else if (payload instanceof ComplaintClassifiedEvent) {
            ComplaintClassifiedEvent e = (ComplaintClassifiedEvent) payload;
            complaint.put("category", e.category().name());
            complaint.put("severity", e.severity().name());
        } else if (payload instanceof ComplaintVerifiedEvent) {
            ComplaintVerifiedEvent e = (ComplaintVerifiedEvent) payload;
            verified(complaint, e.companyResponsible(), e.confirmedCategory().name(), at);
        } else if (payload instanceof ComplaintVerificationChangedEvent) {
            ComplaintVerificationChangedEvent e = (ComplaintVerificationChangedEvent) payload;
            verified(complaint, e.companyResponsible(), e.confirmedCategory().name(), at);
        } else if (payload instanceof FieldServiceRequestedEvent) {
            FieldServiceRequestedEvent e = (FieldServiceRequestedEvent) payload;
            complaint.getList("onSite", Document.class).add(clock(e.receivedAt(), e.onSiteDueAt())
                    .append("requestId", e.requestId()).append("serviceOrderId", null).append("cancelled", false));
        } else if (payload instanceof FieldServiceLinkedEvent) {
            FieldServiceLinkedEvent e = (FieldServiceLinkedEvent) payload;
            List<String> ids = complaint.getList("serviceOrderIds", String.class);
            if (!ids.contains(e.serviceOrderId())) {
                ids.add(e.serviceOrderId());
            }
            onSite(complaint, e.requestId()).put("serviceOrderId", e.serviceOrderId());
        } else if (payload instanceof FieldServiceArrivalRecordedEvent) {
            FieldServiceArrivalRecordedEvent e = (FieldServiceArrivalRecordedEvent) payload;
            stop(onSite(complaint, e.requestId()), e.arrivedAt());
        } else if (payload instanceof FieldServiceFinishedEvent) {
            FieldServiceFinishedEvent e = (FieldServiceFinishedEvent) payload;
            onSite(complaint, e.requestId()).put("cancelled", e.cancelled());
        } else if (payload instanceof ProductReturnRecordedEvent) {
            ProductReturnRecordedEvent e = (ProductReturnRecordedEvent) payload;
            complaint.getList("returns", Document.class).add(new Document("returnId", e.returnId())
                    .append("quantity", e.quantity()).append("reason", e.reason()).append("at", Date.from(at)));
        } else if (payload instanceof SlaBreachedEvent) {
            SlaBreachedEvent e = (SlaBreachedEvent) payload;
            Document clock = e.clock() == SlaClock.ACKNOWLEDGE ? clocks.get("acknowledge", Document.class)
                    : e.clock() == SlaClock.REPLY ? clocks.get("reply", Document.class) : null;
            if (clock != null) {
                clock.put("breachedAt", Date.from(at));
            }
        }
        if (payload instanceof ComplaintClosedEvent) {
            complaint.put("closedAt", Date.from(at));
            complaint.put("closedDay", at.atZone(zone).toLocalDate().toString());
            Instant received = complaint.getDate("receivedAt").toInstant();
            complaint.put("hoursToClose", Math.round((at.toEpochMilli() - received.toEpochMilli()) / 36_000.0) / 100.0);
        } else if (status != ComplaintStatus.CLOSED) {
            complaint.put("closedAt", null);
            complaint.put("closedDay", null);
            complaint.put("hoursToClose", null);
        }
        return complaint;
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

    private static List<Document> counterKeys(Document complaint) {
        List<Document> keys = new ArrayList<>();
        keys.add(counterKey(complaint, complaint.getString("receivedDay")));
        if (complaint.getString("closedDay") != null) {
            keys.add(counterKey(complaint, complaint.getString("closedDay")));
        }
        return keys;
    }

    /** Recounts the counters of the keys the complaint left and entered: a pure function of the documents. */
    private void recount(List<Document> before, List<Document> after) {
        List<Document> keys = new ArrayList<>(before);
        keys.addAll(after);
        keys.stream().distinct().forEach(key -> {
            Document registeredFilter = new Document(key).append("receivedDay", key.getString("day"));
            registeredFilter.remove("day");
            Document closedFilter = new Document(key).append("closedDay", key.getString("day"));
            closedFilter.remove("day");
            Document companyResponsibleFilter = new Document(registeredFilter).append("companyResponsible", true);
            String id = String.join("|", key.getString("day"), key.getString("category"), key.getString("channel"),
                    key.getString("region"), key.getString("severity"));
            counters.replaceOne(Filters.eq("_id", id), new Document(key).append("_id", id)
                            .append("registered", complaints.countDocuments(registeredFilter))
                            .append("closed", complaints.countDocuments(closedFilter))
                            .append("companyResponsible", complaints.countDocuments(companyResponsibleFilter)),
                    new ReplaceOptions().upsert(true));
        });
    }

    private static Document counterKey(Document complaint, String day) {
        return new Document("day", Objects.requireNonNull(day)).append("category", complaint.getString("category"))
                .append("channel", complaint.getString("channel")).append("region", complaint.getString("region"))
                .append("severity", complaint.getString("severity"));
    }
}

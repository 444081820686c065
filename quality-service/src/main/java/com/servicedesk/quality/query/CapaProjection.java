package com.servicedesk.quality.query;

import java.util.function.Consumer;
import java.util.List;
import com.servicedesk.platform.projection.ReadModelTarget;
import com.servicedesk.platform.projection.RebuildableProjection;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.ReplaceOptions;
import com.servicedesk.events.Topics;
import com.servicedesk.events.quality.CapaActionCompletedEvent;
import com.servicedesk.events.quality.CapaActionOverdueEvent;
import com.servicedesk.events.quality.CapaActionPlannedEvent;
import com.servicedesk.events.quality.CapaCancelledEvent;
import com.servicedesk.events.quality.CapaClosedEvent;
import com.servicedesk.events.quality.CapaCycleStartedEvent;
import com.servicedesk.events.quality.CapaDecidedEvent;
import com.servicedesk.events.quality.CapaOpenedEvent;
import com.servicedesk.events.quality.CapaSourceConfirmedEvent;
import com.servicedesk.events.quality.CapaSourceRetractedEvent;
import com.servicedesk.events.quality.CapaStandardizedEvent;
import com.servicedesk.events.quality.CapaStatus;
import com.servicedesk.events.quality.ContainmentRecordedEvent;
import com.servicedesk.events.quality.EffectivenessCheckedEvent;
import com.servicedesk.events.quality.RootCauseIdentifiedEvent;
import com.servicedesk.platform.consumer.IdempotentConsumer;
import com.servicedesk.platform.consumer.PublishedEvent;
import com.servicedesk.platform.mongo.Documents;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Date;

/**
 * The {@code capas} read model, fed from the CAPA topic: one document per CAPA with its decision, containment, root
 * causes (one per revision, with its cycle), actions ({@code actionId, cycle, type, description, owner, dueDate, dueAt,
 * completedAt, evidence, late, overdueAt}), checks per cycle, standardization, closure or cancellation, and the
 * sequence it reflects ({@code version}). {@code owners} lists every action owner, for "my CAPAs" queries.
 */
@Component
public class CapaProjection extends RebuildableProjection {
    public static final String NAME = "quality-capa-projection";
    public static final String COLLECTION = "capas";

    private final MongoCollection<Document> capas;
    private final IdempotentConsumer consumer;

    public CapaProjection(MongoDatabase readModelDatabase, IdempotentConsumer consumer) {
        super(NAME, List.of(COLLECTION));
        this.capas = readModelDatabase.getCollection(COLLECTION);
        this.consumer = consumer;
        capas.createIndex(Indexes.ascending("status", "openedAt"));
        capas.createIndex(Indexes.ascending("source", "sourceId"));
        capas.createIndex(Indexes.ascending("owners"));
        capas.createIndex(Indexes.ascending("actions.overdueAt"));
    }

    @Override
    public Consumer<PublishedEvent> writingTo(ReadModelTarget target) {
        return new CapaProjection(target.database(), consumer)::project;
    }

    @KafkaListener(id = NAME, topics = Topics.CAPA, groupId = "${servicedesk.projections.capa.group:" + NAME + "}",
            concurrency = "${servicedesk.projections.capa.concurrency:1}")
    public void on(ConsumerRecord<String, byte[]> record) {
        consumer.consume(NAME, record, this::project);
    }

    void project(PublishedEvent event) {
        Object payload = event.payload();
        Date at = Date.from(event.occurredAt());
        if (payload instanceof CapaOpenedEvent e) {
            save(new Document("_id", e.capaId()).append("capaId", e.capaId()).append("source", e.source().name())
                    .append("sourceId", e.sourceId()).append("complaintId", e.complaintId())
                    .append("problemStatement", e.problemStatement()).append("status", CapaStatus.OPEN.name())
                    .append("cycle", 0).append("openedAt", at).append("openedBy", event.actor())
                    .append("decision", null).append("containment", null).append("rootCause", null)
                    .append("rootCauses", new ArrayList<>()).append("actions", new ArrayList<>())
                    .append("owners", new ArrayList<>()).append("checks", new ArrayList<>())
                    .append("standardization", null).append("closure", null).append("cancellation", null)
                    .append("sourceRetracted", false), event);
            return;
        }
        Document capa = capas.find(Filters.eq("_id", event.aggregateId())).first();
        if (capa == null) {
            throw new IllegalStateException("CAPA " + event.aggregateId() + " has no opening before " + event.type());
        }
        capa.put("status", CapaStatus.valueOf(capa.getString("status")).after(payload).name());
        if (payload instanceof CapaDecidedEvent e) {
            capa.put("decision", new Document("actionNeeded", e.actionNeeded()).append("rationale", e.rationale())
                    .append("at", at).append("by", event.actor()));
            if (e.actionNeeded()) {
                capa.put("cycle", 1);
            }
        } else if (payload instanceof ContainmentRecordedEvent e) {
            capa.put("containment", new Document("actions", e.actions()).append("at", at).append("by", event.actor()));
        } else if (payload instanceof RootCauseIdentifiedEvent e) {
            Document rootCause = new Document("cycle", e.cycle()).append("method", e.method().name())
                    .append("rootCause", e.rootCause()).append("contributingFactors", e.contributingFactors())
                    .append("at", at).append("by", event.actor());
            capa.put("rootCause", rootCause);
            Documents.list(capa, "rootCauses").add(rootCause);
        } else if (payload instanceof CapaActionPlannedEvent e) {
            Documents.list(capa, "actions").add(new Document("actionId", e.actionId()).append("cycle", e.cycle())
                    .append("type", e.type().name()).append("description", e.description()).append("owner", e.owner())
                    .append("dueDate", e.dueDate().toString()).append("dueAt", Date.from(e.dueAt()))
                    .append("plannedAt", at).append("completedAt", null).append("evidence", null).append("late", null)
                    .append("overdueAt", null));
            @SuppressWarnings("unchecked")
            java.util.List<String> owners = (java.util.List<String>) capa.get("owners");
            if (!owners.contains(e.owner())) {
                owners.add(e.owner());
            }
        } else if (payload instanceof CapaActionCompletedEvent e) {
            action(capa, e.actionId()).append("completedAt", at).append("evidence", e.evidence()).append("late", e.late())
                    .append("completedBy", event.actor());
        } else if (payload instanceof CapaActionOverdueEvent e) {
            action(capa, e.actionId()).put("overdueAt", at);
        } else if (payload instanceof EffectivenessCheckedEvent e) {
            Documents.list(capa, "checks").add(new Document("cycle", e.cycle()).append("effective", e.effective())
                    .append("evidence", e.evidence()).append("at", at).append("by", event.actor()));
        } else if (payload instanceof CapaCycleStartedEvent e) {
            capa.put("cycle", e.cycle());
        } else if (payload instanceof CapaStandardizedEvent e) {
            capa.put("standardization", new Document("cycle", e.cycle()).append("documents", e.documents()).append("at", at)
                    .append("by", event.actor()));
        } else if (payload instanceof CapaClosedEvent e) {
            capa.put("closure", new Document("outcome", e.outcome().name()).append("cycles", e.cycles()).append("at", at)
                    .append("by", event.actor()));
        } else if (payload instanceof CapaSourceRetractedEvent e) {
            capa.put("sourceRetracted", true);
            capa.put("retraction", new Document("reason", e.reason()).append("at", at));
        } else if (payload instanceof CapaSourceConfirmedEvent) {
            capa.put("sourceRetracted", false);
        } else if (payload instanceof CapaCancelledEvent e) {
            capa.put("cancellation", new Document("reason", e.reason()).append("at", at).append("by", event.actor()));
        } else {
            return;
        }
        save(capa, event);
    }

    private void save(Document capa, PublishedEvent event) {
        capa.put("version", event.sequence());
        capas.replaceOne(Filters.eq("_id", event.aggregateId()), capa, new ReplaceOptions().upsert(true));
    }

    private static Document action(Document capa, String actionId) {
        return Documents.list(capa, "actions").stream().filter(a -> actionId.equals(a.getString("actionId"))).findFirst()
                .orElseThrow(() -> new IllegalStateException("CAPA " + capa.getString("_id") + " has no action " + actionId));
    }
}

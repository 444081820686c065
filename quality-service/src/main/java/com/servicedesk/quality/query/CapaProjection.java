package com.servicedesk.quality.query;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import com.servicedesk.platform.mongo.ReadModelBatch;
import com.servicedesk.platform.projection.AggregateDocumentProjection;
import com.servicedesk.platform.projection.ReadModelTarget;
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
import java.util.List;

/**
 * The {@code capas} read model, fed from the CAPA topic: one document per CAPA with its decision, containment, root
 * causes (one per revision, with its cycle), actions ({@code actionId, cycle, type, description, owner, dueDate, dueAt,
 * completedAt, evidence, late, overdueAt}), checks per cycle, standardization, closure or cancellation, and the
 * sequence it reflects ({@code version}). {@code owners} lists every action owner, for "my CAPAs" queries.
 */
@Component
public class CapaProjection extends AggregateDocumentProjection {
    public static final String NAME = "quality-capa-projection";
    public static final String COLLECTION = "capas";

    private final IdempotentConsumer consumer;

    public CapaProjection(MongoDatabase readModelDatabase, IdempotentConsumer consumer) {
        super(NAME, readModelDatabase, COLLECTION, "CAPA", List.of(), List.of());
        this.consumer = consumer;
        MongoCollection<Document> capas = readModelDatabase.getCollection(COLLECTION);
        capas.createIndex(Indexes.ascending("status", "openedAt"));
        capas.createIndex(Indexes.ascending("source", "sourceId"));
        capas.createIndex(Indexes.ascending("owners"));
        capas.createIndex(Indexes.ascending("actions.overdueAt"));
        router.on(CapaOpenedEvent.class, (batch, e, event) -> create(batch, event, opened(e, event)))
                .on(CapaDecidedEvent.class, this::decided)
                .on(ContainmentRecordedEvent.class, (batch, e, event) -> change(batch, event).put("containment",
                        new Document("actions", e.actions()).append("at", at(event)).append("by", event.actor())))
                .on(RootCauseIdentifiedEvent.class, this::rootCauseIdentified)
                .on(CapaActionPlannedEvent.class, this::actionPlanned)
                .on(CapaActionCompletedEvent.class, (batch, e, event) -> action(change(batch, event), e.actionId())
                        .append("completedAt", at(event)).append("evidence", e.evidence()).append("late", e.late())
                        .append("completedBy", event.actor()))
                .on(CapaActionOverdueEvent.class, (batch, e, event) -> action(change(batch, event), e.actionId()).put("overdueAt", at(event)))
                .on(EffectivenessCheckedEvent.class, (batch, e, event) -> Documents.list(change(batch, event), "checks")
                        .add(new Document("cycle", e.cycle()).append("effective", e.effective())
                                .append("evidence", e.evidence()).append("at", at(event)).append("by", event.actor())))
                .on(CapaCycleStartedEvent.class, (batch, e, event) -> change(batch, event).put("cycle", e.cycle()))
                .on(CapaStandardizedEvent.class, (batch, e, event) -> change(batch, event).put("standardization",
                        new Document("cycle", e.cycle()).append("documents", e.documents()).append("at", at(event))
                                .append("by", event.actor())))
                .on(CapaClosedEvent.class, (batch, e, event) -> change(batch, event).put("closure",
                        new Document("outcome", e.outcome().name()).append("cycles", e.cycles()).append("at", at(event))
                                .append("by", event.actor())))
                .on(CapaSourceRetractedEvent.class, (batch, e, event) -> change(batch, event).append("sourceRetracted", true)
                        .append("retraction", new Document("reason", e.reason()).append("at", at(event))))
                .on(CapaSourceConfirmedEvent.class, (batch, e, event) -> change(batch, event).put("sourceRetracted", false))
                .on(CapaCancelledEvent.class, (batch, e, event) -> change(batch, event).put("cancellation",
                        new Document("reason", e.reason()).append("at", at(event)).append("by", event.actor())));
    }

    @Override
    public CapaProjection writingTo(ReadModelTarget target) {
        return new CapaProjection(target.database(), consumer);
    }

    @KafkaListener(id = NAME, batch = "true", topics = Topics.CAPA, groupId = "${servicedesk.projections.capa.group:" + NAME + "}",
            concurrency = "${servicedesk.projections.capa.concurrency:1}")
    public void on(List<ConsumerRecord<String, byte[]>> records) {
        consumer.consume(NAME, records, this);
    }

    @Override
    protected void changing(ReadModelBatch batch, Document capa, PublishedEvent event) {
        capa.put("status", CapaStatus.valueOf(capa.getString("status")).after(event.payload()).name());
    }

    private static Document opened(CapaOpenedEvent e, PublishedEvent event) {
        return new Document("capaId", e.capaId()).append("source", e.source().name())
                .append("sourceId", e.sourceId()).append("complaintId", e.complaintId())
                .append("problemStatement", e.problemStatement()).append("status", CapaStatus.OPEN.name())
                .append("cycle", 0).append("openedAt", at(event)).append("openedBy", event.actor())
                .append("decision", null).append("containment", null).append("rootCause", null)
                .append("rootCauses", new ArrayList<>()).append("actions", new ArrayList<>())
                .append("owners", new ArrayList<>()).append("checks", new ArrayList<>())
                .append("standardization", null).append("closure", null).append("cancellation", null)
                .append("sourceRetracted", false);
    }

    private void decided(ReadModelBatch batch, CapaDecidedEvent e, PublishedEvent event) {
        Document capa = change(batch, event);
        capa.put("decision", new Document("actionNeeded", e.actionNeeded()).append("rationale", e.rationale())
                .append("at", at(event)).append("by", event.actor()));
        if (e.actionNeeded()) {
            capa.put("cycle", 1);
        }
    }

    private void rootCauseIdentified(ReadModelBatch batch, RootCauseIdentifiedEvent e, PublishedEvent event) {
        Document capa = change(batch, event);
        Document rootCause = new Document("cycle", e.cycle()).append("method", e.method().name())
                .append("rootCause", e.rootCause()).append("contributingFactors", e.contributingFactors())
                .append("at", at(event)).append("by", event.actor());
        capa.put("rootCause", rootCause);
        Documents.list(capa, "rootCauses").add(rootCause);
    }

    private void actionPlanned(ReadModelBatch batch, CapaActionPlannedEvent e, PublishedEvent event) {
        Document capa = change(batch, event);
        Documents.list(capa, "actions").add(new Document("actionId", e.actionId()).append("cycle", e.cycle())
                .append("type", e.type().name()).append("description", e.description()).append("owner", e.owner())
                .append("dueDate", e.dueDate().toString()).append("dueAt", Date.from(e.dueAt()))
                .append("plannedAt", at(event)).append("completedAt", null).append("evidence", null).append("late", null)
                .append("overdueAt", null));
        List<String> owners = capa.getList("owners", String.class);
        if (!owners.contains(e.owner())) {
            owners.add(e.owner());
        }
    }

    private static Date at(PublishedEvent event) {
        return Date.from(event.occurredAt());
    }

    private static Document action(Document capa, String actionId) {
        return Documents.list(capa, "actions").stream().filter(a -> actionId.equals(a.getString("actionId"))).findFirst()
                .orElseThrow(() -> new IllegalStateException("CAPA " + capa.getString("_id") + " has no action " + actionId));
    }
}

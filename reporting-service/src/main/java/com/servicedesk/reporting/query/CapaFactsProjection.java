package com.servicedesk.reporting.query;

import java.util.function.Consumer;
import java.util.List;
import com.servicedesk.platform.projection.ReadModelTarget;
import com.servicedesk.platform.projection.RebuildableProjection;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import com.servicedesk.events.Topics;
import com.servicedesk.events.quality.CapaActionCompletedEvent;
import com.servicedesk.events.quality.CapaActionOverdueEvent;
import com.servicedesk.events.quality.CapaActionPlannedEvent;
import com.servicedesk.events.quality.CapaClosedEvent;
import com.servicedesk.events.quality.CapaOpenedEvent;
import com.servicedesk.events.quality.CapaStandardizedEvent;
import com.servicedesk.events.quality.CapaStatus;
import com.servicedesk.events.quality.EffectivenessCheckedEvent;
import com.servicedesk.events.quality.RootCauseIdentifiedEvent;
import com.servicedesk.platform.consumer.IdempotentConsumer;
import com.servicedesk.platform.consumer.PublishedEvent;
import com.servicedesk.platform.mongo.Documents;
import com.servicedesk.reporting.config.ReportingProperties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;

/**
 * The facts of each CAPA the yearly report needs ({@code report_capas}): when it opened and closed, its root causes,
 * actions (with whether each went overdue or was completed late), checks, standard documents and outcome.
 */
@Component
public class CapaFactsProjection extends RebuildableProjection {
    public static final String NAME = "reporting-capa-facts";
    public static final String COLLECTION = "report_capas";

    private final MongoCollection<Document> capas;
    private final IdempotentConsumer consumer;
    private final ReportingProperties properties;

    public CapaFactsProjection(MongoDatabase readModelDatabase, IdempotentConsumer consumer, ReportingProperties properties) {
        super(NAME, List.of(COLLECTION));
        this.capas = readModelDatabase.getCollection(COLLECTION);
        this.consumer = consumer;
        this.properties = properties;
        capas.createIndex(Indexes.ascending("openedYear", "status"));
        capas.createIndex(Indexes.ascending("complaintId"));
    }

    @Override
    public Consumer<PublishedEvent> writingTo(ReadModelTarget target) {
        return new CapaFactsProjection(target.database(), consumer, properties)::project;
    }

    @KafkaListener(id = NAME, topics = Topics.CAPA,
            groupId = "${servicedesk.projections.capa-facts.group:" + NAME + "}",
            concurrency = "${servicedesk.projections.capa-facts.concurrency:1}")
    public void on(ConsumerRecord<String, byte[]> record) {
        consumer.consume(NAME, record, this::project);
    }

    void project(PublishedEvent event) {
        Documents.applyOnce(capas, event.aggregateId(), event.sequence(), before -> next(before, event));
    }

    private Document next(Document capa, PublishedEvent event) {
        Object payload = event.payload();
        Instant at = event.occurredAt();
        if (payload instanceof CapaOpenedEvent) {
            CapaOpenedEvent e = (CapaOpenedEvent) payload;
            capa = new Document("_id", e.capaId())
                    .append("source", e.source().name())
                    .append("sourceId", e.sourceId())
                    .append("complaintId", e.complaintId())
                    .append("problemStatement", e.problemStatement())
                    .append("status", CapaStatus.OPEN.name())
                    .append("openedAt", Date.from(at))
                    .append("openedYear", at.atZone(properties.zone()).getYear())
                    .append("closedAt", null)
                    .append("closedYear", null)
                    .append("outcome", null)
                    .append("cycles", 1)
                    .append("rootCauses", new ArrayList<Document>())
                    .append("actions", new ArrayList<Document>())
                    .append("checks", new ArrayList<Document>())
                    .append("documents", new ArrayList<String>());
        } else if (capa == null) {
            throw new IllegalStateException("CAPA " + event.aggregateId() + " has no opening before " + event.type());
        } else {
            capa.put("status", CapaStatus.valueOf(capa.getString("status")).after(payload).name());
            apply(capa, payload, at);
        }
        return capa;
    }

    private void apply(Document capa, Object payload, Instant at) {
        if (payload instanceof RootCauseIdentifiedEvent) {
            RootCauseIdentifiedEvent e = (RootCauseIdentifiedEvent) payload;
            capa.getList("rootCauses", Document.class).add(new Document("cycle", e.cycle())
                    .append("method", e.method().name()).append("rootCause", e.rootCause())
                    .append("contributingFactors", e.contributingFactors()));
        } else if (payload instanceof CapaActionPlannedEvent) {
            CapaActionPlannedEvent e = (CapaActionPlannedEvent) payload;
            capa.getList("actions", Document.class).add(new Document("actionId", e.actionId()).append("cycle", e.cycle())
                    .append("type", e.type().name()).append("description", e.description()).append("owner", e.owner())
                    .append("dueAt", Date.from(e.dueAt())).append("completedAt", null).append("late", false)
                    .append("overdue", false));
        } else if (payload instanceof CapaActionCompletedEvent) {
            CapaActionCompletedEvent e = (CapaActionCompletedEvent) payload;
            Document action = action(capa, e.actionId());
            action.put("completedAt", Date.from(at));
            action.put("late", e.late());
        } else if (payload instanceof CapaActionOverdueEvent) {
            action(capa, ((CapaActionOverdueEvent) payload).actionId()).put("overdue", true);
        } else if (payload instanceof EffectivenessCheckedEvent) {
            EffectivenessCheckedEvent e = (EffectivenessCheckedEvent) payload;
            capa.getList("checks", Document.class).add(new Document("cycle", e.cycle()).append("effective", e.effective())
                    .append("at", Date.from(at)));
            if (!e.effective()) {
                capa.put("cycles", e.cycle() + 1);
            }
        } else if (payload instanceof CapaStandardizedEvent) {
            capa.getList("documents", String.class).addAll(((CapaStandardizedEvent) payload).documents());
        } else if (payload instanceof CapaClosedEvent) {
            CapaClosedEvent e = (CapaClosedEvent) payload;
            capa.put("closedAt", Date.from(at));
            capa.put("closedYear", at.atZone(properties.zone()).getYear());
            capa.put("outcome", e.outcome().name());
            capa.put("cycles", e.cycles());
        }
    }

    private static Document action(Document capa, String actionId) {
        return capa.getList("actions", Document.class).stream().filter(a -> actionId.equals(a.getString("actionId")))
                .findFirst().orElseThrow(() -> new IllegalStateException("no action " + actionId + " on CAPA " + capa.get("_id")));
    }
}

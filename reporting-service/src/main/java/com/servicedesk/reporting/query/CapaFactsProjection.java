package com.servicedesk.reporting.query;

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
import com.servicedesk.events.quality.QualityEvents;
import com.servicedesk.events.quality.RootCauseIdentifiedEvent;
import com.servicedesk.platform.consumer.IdempotentConsumer;
import com.servicedesk.platform.consumer.PublishedEvent;
import com.servicedesk.platform.mongo.ReadModelBatch;
import com.servicedesk.platform.projection.AggregateDocumentProjection;
import com.servicedesk.platform.projection.ReadModelTarget;
import com.servicedesk.reporting.config.ReportingProperties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * The facts of each CAPA the yearly report needs ({@code report_capas}): when it opened and closed, its root causes,
 * actions (with whether each went overdue or was completed late), checks, standard documents and outcome.
 */
@Component
public class CapaFactsProjection extends AggregateDocumentProjection {
    public static final String NAME = "reporting-capa-facts";
    public static final String COLLECTION = "report_capas";

    private final IdempotentConsumer consumer;
    private final ReportingProperties properties;

    public CapaFactsProjection(MongoDatabase readModelDatabase, IdempotentConsumer consumer, ReportingProperties properties) {
        super(NAME, readModelDatabase, COLLECTION, "CAPA", List.of(), List.of());
        this.consumer = consumer;
        this.properties = properties;
        MongoCollection<Document> capas = readModelDatabase.getCollection(COLLECTION);
        capas.createIndex(Indexes.ascending("openedYear", "status"));
        capas.createIndex(Indexes.ascending("complaintId"));
        router.on(CapaOpenedEvent.class, (batch, e, event) -> create(batch, event, opened(e, event.occurredAt())))
                .on(RootCauseIdentifiedEvent.class, (batch, e, event) -> change(batch, event).getList("rootCauses", Document.class)
                        .add(new Document("cycle", e.cycle()).append("method", e.method().name()).append("rootCause", e.rootCause())
                                .append("contributingFactors", e.contributingFactors())))
                .on(CapaActionPlannedEvent.class, (batch, e, event) -> change(batch, event).getList("actions", Document.class)
                        .add(new Document("actionId", e.actionId()).append("cycle", e.cycle())
                                .append("type", e.type().name()).append("description", e.description()).append("owner", e.owner())
                                .append("dueAt", Date.from(e.dueAt())).append("completedAt", null).append("late", false)
                                .append("overdue", false)))
                .on(CapaActionCompletedEvent.class, (batch, e, event) -> action(change(batch, event), e.actionId())
                        .append("completedAt", Date.from(event.occurredAt())).append("late", e.late()))
                .on(CapaActionOverdueEvent.class, (batch, e, event) -> action(change(batch, event), e.actionId()).put("overdue", true))
                .on(EffectivenessCheckedEvent.class, (batch, e, event) -> {
                    Document capa = change(batch, event);
                    capa.getList("checks", Document.class).add(new Document("cycle", e.cycle()).append("effective", e.effective())
                            .append("at", Date.from(event.occurredAt())));
                    if (!e.effective()) {
                        capa.put("cycles", e.cycle() + 1);
                    }
                })
                .on(CapaStandardizedEvent.class, (batch, e, event) ->
                        change(batch, event).getList("documents", String.class).addAll(e.documents()))
                .on(CapaClosedEvent.class, (batch, e, event) -> change(batch, event).append("closedAt", Date.from(event.occurredAt()))
                        .append("closedYear", event.occurredAt().atZone(properties.zone()).getYear())
                        .append("outcome", e.outcome().name()).append("cycles", e.cycles()))
                // the others move the status only
                .onAnyOther(QualityEvents.PUBLISHED, (batch, e, event) -> change(batch, event));
    }

    @Override
    public CapaFactsProjection writingTo(ReadModelTarget target) {
        return new CapaFactsProjection(target.database(), consumer, properties);
    }

    @KafkaListener(id = NAME, batch = "true", topics = Topics.CAPA,
            groupId = "${servicedesk.projections.capa-facts.group:" + NAME + "}",
            concurrency = "${servicedesk.projections.capa-facts.concurrency:1}")
    public void on(List<ConsumerRecord<String, byte[]>> records) {
        consumer.consume(NAME, records, this);
    }

    @Override
    protected void changing(ReadModelBatch batch, Document capa, PublishedEvent event) {
        capa.put("status", CapaStatus.valueOf(capa.getString("status")).after(event.payload()).name());
    }

    private Document opened(CapaOpenedEvent e, Instant at) {
        return new Document("source", e.source().name())
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
    }

    private static Document action(Document capa, String actionId) {
        return capa.getList("actions", Document.class).stream().filter(a -> actionId.equals(a.getString("actionId")))
                .findFirst().orElseThrow(() -> new IllegalStateException("no action " + actionId + " on CAPA " + capa.get("_id")));
    }
}

package com.servicedesk.reporting.query;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Indexes;
import com.servicedesk.events.Topics;
import com.servicedesk.events.satisfaction.DeductionAppliedEvent;
import com.servicedesk.events.satisfaction.DeductionCorrectedEvent;
import com.servicedesk.events.satisfaction.DeductionReversedEvent;
import com.servicedesk.events.satisfaction.ItemScore;
import com.servicedesk.events.satisfaction.Score;
import com.servicedesk.events.satisfaction.ScorecardEvent;
import com.servicedesk.events.satisfaction.SurveyResponseRecordedEvent;
import com.servicedesk.platform.consumer.IdempotentConsumer;
import com.servicedesk.platform.consumer.PublishedEvent;
import com.servicedesk.platform.mongo.ReadModelBatch;
import com.servicedesk.platform.projection.AggregateDocumentProjection;
import com.servicedesk.platform.projection.ReadModelTarget;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/**
 * Each customer's scorecard of a year as the yearly report needs it ({@code report_scorecards}): the scores as the
 * satisfaction service computed them (never recomputed here), the counted survey's item scores, every survey's
 * comments (the customers' suggestions) and the deductions.
 */
@Component
public class ScorecardFactsProjection extends AggregateDocumentProjection {
    public static final String NAME = "reporting-scorecard-facts";
    public static final String COLLECTION = "report_scorecards";

    private final IdempotentConsumer consumer;

    public ScorecardFactsProjection(MongoDatabase readModelDatabase, IdempotentConsumer consumer) {
        super(NAME, readModelDatabase, COLLECTION, "scorecard", List.of(), List.of());
        this.consumer = consumer;
        readModelDatabase.getCollection(COLLECTION).createIndex(Indexes.ascending("year", "customerId"));
        router.on(SurveyResponseRecordedEvent.class, this::surveyRecorded)
                .on(DeductionAppliedEvent.class, (batch, d, event) -> deduction(card(batch, d, event), d.complaintId())
                        .append("category", d.category().name()).append("points", d.points()).append("active", true))
                .on(DeductionCorrectedEvent.class, (batch, d, event) -> deduction(card(batch, d, event), d.complaintId())
                        .append("category", d.category().name()).append("points", d.points()).append("active", true))
                .on(DeductionReversedEvent.class, (batch, d, event) ->
                        deduction(card(batch, d, event), d.complaintId()).append("active", false));
    }

    @Override
    public ScorecardFactsProjection writingTo(ReadModelTarget target) {
        return new ScorecardFactsProjection(target.database(), consumer);
    }

    @KafkaListener(id = NAME, batch = "true", topics = Topics.SCORECARD,
            groupId = "${servicedesk.projections.scorecard-facts.group:" + NAME + "}",
            concurrency = "${servicedesk.projections.scorecard-facts.concurrency:1}")
    public void on(List<ConsumerRecord<String, byte[]>> records) {
        consumer.consume(NAME, records, this);
    }

    /** The scorecard's document, made by its first event, with the scores after this event (each event carries them). */
    private Document card(ReadModelBatch batch, ScorecardEvent e, PublishedEvent event) {
        Document card = changeOrCreate(batch, event, () -> new Document("customerId", e.customerId()).append("year", e.year())
                .append("items", new ArrayList<Document>()).append("surveys", new ArrayList<Document>())
                .append("deductions", new ArrayList<Document>()));
        Score score = e.score();
        card.put("baseScore", score == null ? null : decimal(score.baseScore()));
        card.put("totalDeductions", score == null ? 0 : score.totalDeductions());
        card.put("finalScore", score == null ? null : decimal(score.finalScore()));
        card.put("satisfied", score == null ? null : score.satisfied());
        return card;
    }

    private void surveyRecorded(ReadModelBatch batch, SurveyResponseRecordedEvent s, PublishedEvent event) {
        Document card = card(batch, s, event);
        card.getList("surveys", Document.class).add(new Document("surveyId", s.surveyId())
                .append("respondedAt", Date.from(s.respondedAt())).append("comments", s.comments()).append("counted", s.counted()));
        if (s.counted()) {
            List<Document> items = new ArrayList<>();
            for (ItemScore item : s.items()) {
                items.add(new Document("code", item.code()).append("name", item.name()).append("weight", item.weight())
                        .append("level", item.level()).append("score", decimal(item.score())));
            }
            card.put("items", items);
        }
    }

    private static Document deduction(Document card, String complaintId) {
        List<Document> deductions = card.getList("deductions", Document.class);
        for (Document deduction : deductions) {
            if (complaintId.equals(deduction.getString("complaintId"))) {
                return deduction;
            }
        }
        Document deduction = new Document("complaintId", complaintId);
        deductions.add(deduction);
        return deduction;
    }

    private static Decimal128 decimal(BigDecimal value) {
        return value == null ? null : new Decimal128(value);
    }
}

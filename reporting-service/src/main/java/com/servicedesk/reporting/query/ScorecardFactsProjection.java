package com.servicedesk.reporting.query;

import java.util.function.Consumer;
import com.servicedesk.platform.projection.ReadModelTarget;
import com.servicedesk.platform.projection.RebuildableProjection;
import com.mongodb.client.MongoCollection;
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
import com.servicedesk.platform.mongo.Documents;
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
public class ScorecardFactsProjection extends RebuildableProjection {
    public static final String NAME = "reporting-scorecard-facts";
    public static final String COLLECTION = "report_scorecards";

    private final MongoCollection<Document> scorecards;
    private final IdempotentConsumer consumer;

    public ScorecardFactsProjection(MongoDatabase readModelDatabase, IdempotentConsumer consumer) {
        super(NAME, List.of(COLLECTION));
        this.scorecards = readModelDatabase.getCollection(COLLECTION);
        this.consumer = consumer;
        scorecards.createIndex(Indexes.ascending("year", "customerId"));
    }

    @Override
    public Consumer<PublishedEvent> writingTo(ReadModelTarget target) {
        return new ScorecardFactsProjection(target.database(), consumer)::project;
    }

    @KafkaListener(id = NAME, topics = Topics.SCORECARD,
            groupId = "${servicedesk.projections.scorecard-facts.group:" + NAME + "}",
            concurrency = "${servicedesk.projections.scorecard-facts.concurrency:1}")
    public void on(ConsumerRecord<String, byte[]> record) {
        consumer.consume(NAME, record, this::project);
    }

    void project(PublishedEvent event) {
        if (!(event.payload() instanceof ScorecardEvent)) {
            return;
        }
        Documents.applyOnce(scorecards, event.aggregateId(), event.sequence(), before -> next(before, event));
    }

    private static Document next(Document card, PublishedEvent event) {
        ScorecardEvent e = (ScorecardEvent) event.payload();
        if (card == null) {
            card = new Document("_id", event.aggregateId()).append("customerId", e.customerId()).append("year", e.year())
                    .append("items", new ArrayList<Document>()).append("surveys", new ArrayList<Document>())
                    .append("deductions", new ArrayList<Document>());
        }
        Object payload = event.payload();
        if (payload instanceof SurveyResponseRecordedEvent) {
            SurveyResponseRecordedEvent s = (SurveyResponseRecordedEvent) payload;
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
        } else if (payload instanceof DeductionAppliedEvent) {
            DeductionAppliedEvent d = (DeductionAppliedEvent) payload;
            deduction(card, d.complaintId()).append("category", d.category().name()).append("points", d.points()).append("active", true);
        } else if (payload instanceof DeductionCorrectedEvent) {
            DeductionCorrectedEvent d = (DeductionCorrectedEvent) payload;
            deduction(card, d.complaintId()).append("category", d.category().name()).append("points", d.points()).append("active", true);
        } else if (payload instanceof DeductionReversedEvent) {
            deduction(card, ((DeductionReversedEvent) payload).complaintId()).append("active", false);
        }
        Score score = e.score();
        card.put("baseScore", score == null ? null : decimal(score.baseScore()));
        card.put("totalDeductions", score == null ? 0 : score.totalDeductions());
        card.put("finalScore", score == null ? null : decimal(score.finalScore()));
        card.put("satisfied", score == null ? null : score.satisfied());
        return card;
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

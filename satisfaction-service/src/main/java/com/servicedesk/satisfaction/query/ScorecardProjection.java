package com.servicedesk.satisfaction.query;

import com.mongodb.client.MongoDatabase;
import com.servicedesk.platform.mongo.ReadModelBatch;
import com.servicedesk.platform.projection.AggregateDocumentProjection;
import com.servicedesk.platform.projection.ReadModelTarget;
import com.servicedesk.events.Topics;
import com.servicedesk.events.intake.ComplaintCategory;
import com.servicedesk.events.satisfaction.DeductionAppliedEvent;
import com.servicedesk.events.satisfaction.DeductionCorrectedEvent;
import com.servicedesk.events.satisfaction.DeductionReversedEvent;
import com.servicedesk.events.satisfaction.ItemScore;
import com.servicedesk.events.satisfaction.Score;
import com.servicedesk.events.satisfaction.ScorecardEvent;
import com.servicedesk.events.satisfaction.SurveyResponseRecordedEvent;
import com.servicedesk.platform.consumer.IdempotentConsumer;
import com.servicedesk.platform.consumer.PublishedEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code scorecards} read model: one document per scorecard ({@code _id} its id), fed from the scorecard topic.
 * Scores are stored as Decimal128 (two decimals, exact) and copied from the events, which carry the scorecard's score
 * after each change: no scoring rule is repeated here. {@code items} and {@code comments} are those of the survey
 * response that counts; {@code surveys} is every response of the year, oldest answer first; {@code deductions} those
 * in force.
 */
@Component
public class ScorecardProjection extends AggregateDocumentProjection {
    public static final String NAME = "satisfaction-scorecard-projection";
    public static final String COLLECTION = "scorecards";

    private final IdempotentConsumer consumer;

    public ScorecardProjection(MongoDatabase readModelDatabase, IdempotentConsumer consumer) {
        super(NAME, readModelDatabase, COLLECTION, "scorecard", List.of(), List.of());
        this.consumer = consumer;
        router.on(SurveyResponseRecordedEvent.class, (batch, e, event) -> surveyRecorded(card(batch, e, event), e, event))
                .on(DeductionAppliedEvent.class, (batch, e, event) ->
                        deductions(card(batch, e, event)).add(deduction(e.complaintId(), e.category(), e.points(), event)))
                .on(DeductionCorrectedEvent.class, (batch, e, event) -> {
                    List<Document> deductions = deductions(card(batch, e, event));
                    deductions.removeIf(d -> e.complaintId().equals(d.getString("complaintId")));
                    deductions.add(deduction(e.complaintId(), e.category(), e.points(), event));
                })
                .on(DeductionReversedEvent.class, (batch, e, event) ->
                        deductions(card(batch, e, event)).removeIf(d -> e.complaintId().equals(d.getString("complaintId"))));
    }

    @Override
    public ScorecardProjection writingTo(ReadModelTarget target) {
        return new ScorecardProjection(target.database(), consumer);
    }

    @KafkaListener(id = NAME, batch = "true", topics = Topics.SCORECARD,
            groupId = "${servicedesk.projections.scorecard.group:" + NAME + "}",
            concurrency = "${servicedesk.projections.scorecard.concurrency:1}")
    public void on(List<ConsumerRecord<String, byte[]>> records) {
        consumer.consume(NAME, records, this);
    }

    /** The scorecard's document with the score after this event (each event carries it), created by its first event. */
    private Document card(ReadModelBatch batch, ScorecardEvent changed, PublishedEvent event) {
        Document card = changeOrCreate(batch, event, () -> opened(changed));
        Score score = changed.score();
        card.put("baseScore", decimal(score.baseScore()));
        card.put("totalDeductions", score.totalDeductions());
        card.put("finalScore", decimal(score.finalScore()));
        card.put("satisfied", score.satisfied());
        card.put("updatedAt", Date.from(event.occurredAt()));
        return card;
    }

    private static Document opened(ScorecardEvent event) {
        return new Document("scorecardId", event.scorecardId())
                .append("customerId", event.customerId())
                .append("year", event.year())
                .append("items", new ArrayList<>())
                .append("comments", null)
                .append("surveys", new ArrayList<>())
                .append("deductions", new ArrayList<>());
    }

    private static void surveyRecorded(Document card, SurveyResponseRecordedEvent e, PublishedEvent event) {
        Map<String, Object> answers = new LinkedHashMap<>();
        e.items().forEach(item -> answers.put(item.code(), item.level()));
        List<Document> surveys = card.getList("surveys", Document.class);
        if (e.counted()) {
            surveys.forEach(survey -> survey.put("counted", false));
            card.put("items", e.items().stream().map(ScorecardProjection::item).toList());
            card.put("comments", e.comments());
        }
        surveys.add(new Document("surveyId", e.surveyId())
                .append("respondedAt", Date.from(e.respondedAt()))
                .append("recordedAt", Date.from(event.occurredAt()))
                .append("recordedBy", event.actor())
                .append("baseScore", decimal(e.baseScore()))
                .append("counted", e.counted())
                .append("answers", new Document(answers))
                .append("comments", e.comments()));
        surveys.sort((a, b) -> a.getDate("respondedAt").compareTo(b.getDate("respondedAt")));
    }

    private static Document item(ItemScore item) {
        return new Document("code", item.code())
                .append("name", item.name())
                .append("weight", item.weight())
                .append("level", item.level())
                .append("coefficient", decimal(item.coefficient()))
                .append("score", decimal(item.score()));
    }

    private static Document deduction(String complaintId, ComplaintCategory category, int points, PublishedEvent event) {
        return new Document("complaintId", complaintId)
                .append("points", points)
                .append("category", category.name())
                .append("at", Date.from(event.occurredAt()));
    }

    private static List<Document> deductions(Document card) {
        return card.getList("deductions", Document.class);
    }

    private static Decimal128 decimal(BigDecimal value) {
        return value == null ? null : new Decimal128(value);
    }
}

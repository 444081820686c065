package com.servicedesk.satisfaction.web;

import com.servicedesk.embedded.TestInfrastructure;
import com.servicedesk.events.Topics;
import com.servicedesk.events.intake.ComplaintCategory;
import com.servicedesk.events.intake.ComplaintVerificationChangedEvent;
import com.servicedesk.events.intake.ComplaintVerifiedEvent;
import com.servicedesk.platform.consumer.AppliedSequences;
import com.servicedesk.platform.metadata.AuditMetadata;
import com.servicedesk.platform.relay.CloudEventCodec;
import com.servicedesk.platform.testing.Http;
import com.servicedesk.platform.testing.ServiceTestProperties;
import com.servicedesk.platform.testing.TestTokens;
import com.servicedesk.satisfaction.SatisfactionServiceApplication;
import com.servicedesk.satisfaction.command.Surveys;
import com.servicedesk.satisfaction.integration.ComplaintVerificationListener;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.message.Encoding;
import io.cloudevents.kafka.CloudEventSerializer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The slice on real PostgreSQL, Kafka and Mongo-wire: surveys over HTTP with Idempotency-Key, and intake's
 * verification events on the complaint topic (encoded exactly as intake's relay encodes them) changing the scorecard
 * exactly once, redelivered or not. Years lie in the past so that no response is "in the future".
 */
@SpringBootTest(classes = SatisfactionServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ScorecardIntegrationTest {
    static final String AGENT = TestTokens.token("ann", "AGENT");
    static final String ANALYST = TestTokens.token("viv", "ANALYST");
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final KafkaProducer<String, CloudEvent> INTAKE = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafka().bootstrapServers(),
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, CloudEventSerializer.class,
            CloudEventSerializer.ENCODING_CONFIG, Encoding.BINARY));

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry, "satisfaction");
    }

    @AfterAll
    static void closeProducer() {
        INTAKE.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;
    @Autowired
    MongoDatabase readModelDatabase;
    Http http;

    @BeforeEach
    void client() {
        http = new Http("http://127.0.0.1:" + port);
    }

    @Test
    void aSurveyIsRecordedScoredAndReadable() throws Exception {
        String customer = "CUST-" + UUID.randomUUID();
        HttpResponse<String> created = postSurvey(AGENT, null, surveyBody(customer, 2025, "2025-11-20T07:00:00Z", Surveys.mixed(), "Spare parts were slow"));

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/scorecards/" + customer + "/2025");
        assertThat(created.body()).contains("\"scorecardId\":\"" + customer + ":2025\"").contains("\"baseScore\":72.10")
                .contains("\"counted\":true").contains("\"finalScore\":72.10").contains("\"satisfied\":true").contains("\"version\":0");

        HttpResponse<String> read = await("/api/v1/scorecards/" + customer + "/2025", AGENT, body -> body.contains("\"version\":0"));
        assertThat(read.body()).contains("\"baseScore\":72.10").contains("\"totalDeductions\":0").contains("\"finalScore\":72.10")
                .contains("{\"code\":\"PRODUCT_QUALITY\",\"name\":\"Product quality\",\"weight\":10,\"level\":\"SATISFIED\",\"coefficient\":0.9,\"score\":9.00}")
                .contains("{\"code\":\"COMMUNICATION\",\"name\":\"Communication\",\"weight\":8,\"level\":\"VERY_DISSATISFIED\",\"coefficient\":0.0,\"score\":0.00}");
        JsonNode card = JSON.readTree(read.body());
        assertThat(card.get("customerId").asString()).isEqualTo(customer);
        assertThat(card.get("items")).hasSize(14);
        assertThat(card.get("surveys")).hasSize(1);
        assertThat(card.get("surveys").get(0).get("recordedBy").asString()).isEqualTo("ann");
        assertThat(card.get("surveys").get(0).get("answers").get("COMMUNICATION").asString()).isEqualTo("VERY_DISSATISFIED");
        assertThat(card.get("comments").asString()).isEqualTo("Spare parts were slow");
        assertThat(card.get("deductions")).isEmpty();
        assertThat(http.get("/api/v1/scorecards/" + customer + "/2024", AGENT).statusCode()).isEqualTo(404);
    }

    @Test
    void anUnknownItemOrLevelIs400NamingTheAnswerAndStoresNothing() {
        String customer = "CUST-" + UUID.randomUUID();
        Map<String, String> answers = Surveys.mixed();
        answers.put("FOO", "SATISFIED");
        answers.put("PACKAGING", "DELIGHTED");
        HttpResponse<String> response = postSurvey(AGENT, null, surveyBody(customer, 2025, "2025-11-20T07:00:00Z", answers, null));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"field\":\"answers.FOO\"").contains("\"field\":\"answers.PACKAGING\"");
        assertThat(eventStore.readEvents(customer + ":2025").hasNext()).isFalse();

        assertThat(postSurvey(AGENT, null, "{\"customerId\":\"" + customer + "\",\"year\":\"last\"}").body()).contains("\"field\":\"year\"");
        assertThat(postSurvey(ANALYST, null, surveyBody(customer, 2025, "2025-11-20T07:00:00Z", Surveys.mixed(), null)).statusCode()).isEqualTo(403);
    }

    @Test
    void anIdempotencyKeyReplaysTheFirstResponseAndRefusesAnotherBody() {
        String customer = "CUST-" + UUID.randomUUID();
        String key = UUID.randomUUID().toString();
        String body = surveyBody(customer, 2025, "2025-11-20T07:00:00Z", Surveys.mixed(), null);

        HttpResponse<String> first = postSurvey(AGENT, key, body);
        HttpResponse<String> again = postSurvey(AGENT, key, body);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        assertThat(again.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(eventStore.readEvents(customer + ":2025").asStream().count()).as("one survey stored").isEqualTo(1);

        HttpResponse<String> other = postSurvey(AGENT, key, surveyBody(customer, 2025, "2025-11-21T07:00:00Z", Surveys.mixed(), null));
        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(other.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(eventStore.readEvents(customer + ":2025").asStream().count()).isEqualTo(1);
    }

    /**
     * Verify, redeliver, re-verify with another category, re-verify as not responsible, and deliver the first
     * verification once more after the consumer forgot it had applied it (a crash between the scorecard's change and
     * the consumer's bookkeeping): the scorecard takes each verification into account once.
     */
    @Test
    void verificationsFromIntakeChangeTheScorecardExactlyOnceEvenWhenRedelivered() throws Exception {
        String customer = "CUST-" + UUID.randomUUID();
        String complaint = "c-" + UUID.randomUUID();
        // 2024-12-31 16:30 UTC is 2025-01-01 00:30 in Shanghai: a complaint of 2025
        Instant received = Instant.parse("2024-12-31T16:30:00Z");
        CloudEvent verified = verification(complaint, 3, new ComplaintVerifiedEvent(complaint, customer, received, true,
                ComplaintCategory.PRODUCT_QUALITY, "bearing"));
        String path = "/api/v1/scorecards/" + customer + "/2025";

        publish(complaint, verified);
        publish(complaint, verified);
        JsonNode card = JSON.readTree(await(path, AGENT, body -> body.contains("\"totalDeductions\":10")).body());
        assertThat(card.get("deductions").toString()).isEqualTo("[{\"complaintId\":\"" + complaint + "\",\"points\":10,\"category\":\"PRODUCT_QUALITY\",\"at\":"
                + card.get("deductions").get(0).get("at") + "}]");
        assertThat(card.get("baseScore").isNull()).as("no survey yet").isTrue();
        assertThat(card.get("finalScore").isNull()).isTrue();

        HttpResponse<String> surveyed = postSurvey(AGENT, null, surveyBody(customer, 2025, "2025-11-20T07:00:00Z", Surveys.mixed(), null));
        assertThat(surveyed.body()).as("72.10 − 10").contains("\"finalScore\":62.10").contains("\"satisfied\":false");

        publish(complaint, verification(complaint, 5, changed(complaint, customer, received, true, ComplaintCategory.DOCUMENTATION,
                true, ComplaintCategory.PRODUCT_QUALITY)));
        await(path, AGENT, body -> body.contains("\"finalScore\":67.10") && body.contains("\"category\":\"DOCUMENTATION\""));

        readModelDatabase.getCollection(AppliedSequences.COLLECTION)
                .deleteOne(Filters.eq("_id", ComplaintVerificationListener.NAME + "|" + complaint));
        publish(complaint, verified);
        publish(complaint, verification(complaint, 7, changed(complaint, customer, received, false, ComplaintCategory.DOCUMENTATION,
                true, ComplaintCategory.DOCUMENTATION)));
        card = JSON.readTree(await(path, AGENT, body -> body.contains("\"totalDeductions\":0")).body());
        assertThat(card.get("finalScore").decimalValue()).isEqualByComparingTo("72.10");
        assertThat(card.get("deductions")).isEmpty();

        assertThat(eventStore.readEvents(customer + ":2025").asStream().map(m -> m.getPayloadType().getSimpleName()).toList())
                .containsExactly("DeductionAppliedEvent", "SurveyResponseRecordedEvent", "DeductionCorrectedEvent", "DeductionReversedEvent");
        HttpResponse<String> audit = http.get("/api/v1/audit/scorecards/" + customer + "/2025/events", TestTokens.token("audrey", "AUDITOR"));
        assertThat(audit.statusCode()).isEqualTo(200);
        JsonNode applied = JSON.readTree(audit.body()).get(0);
        assertThat(applied.get("type").asString()).isEqualTo("DeductionApplied");
        assertThat(applied.get("actor").asString()).isEqualTo(AuditMetadata.systemActor("complaint-verifications"));
        assertThat(applied.get("correlationId").asString()).isEqualTo(complaint);
        assertThat(applied.get("causationId").asString()).isEqualTo(verified.getId());
        assertThat(http.get("/api/v1/audit/scorecards/" + customer + "/2025/events", AGENT).statusCode()).isEqualTo(403);
    }

    @Test
    void aComplaintFoundNotResponsibleStartsNoScorecard() throws Exception {
        String customer = "CUST-" + UUID.randomUUID();
        String complaint = "c-" + UUID.randomUUID();
        Instant received = Instant.parse("2025-03-01T02:00:00Z");
        publish(complaint, verification(complaint, 3, new ComplaintVerifiedEvent(complaint, customer, received, false,
                ComplaintCategory.SERVICE, "operator error")));
        publish(complaint, verification(complaint, 5, changed(complaint, customer, received, true, ComplaintCategory.SERVICE,
                false, ComplaintCategory.SERVICE)));

        await("/api/v1/scorecards/" + customer + "/2025", AGENT, body -> body.contains("\"totalDeductions\":10"));
        assertThat(eventStore.readEvents(customer + ":2025").asStream().map(m -> m.getPayloadType().getSimpleName()).toList())
                .containsExactly("DeductionAppliedEvent");
    }

    @Test
    void analystsListScorecardsBelowAScoreAndTheYearsItemMeansWeakestFirst() throws Exception {
        String satisfied = "CUST-" + UUID.randomUUID();
        String unhappy = "CUST-" + UUID.randomUUID();
        Map<String, String> weakSpots = Surveys.all("SATISFIED");
        weakSpots.put("COMMUNICATION", "VERY_DISSATISFIED");
        weakSpots.put("PRICE", "NEUTRAL");
        weakSpots.put("PACKAGING", "DISSATISFIED");
        weakSpots.put("TRAINING", "DISSATISFIED");
        weakSpots.put("DOCUMENTATION", "DISSATISFIED");
        assertThat(postSurvey(AGENT, null, surveyBody(satisfied, 2023, "2023-11-20T07:00:00Z", Surveys.all("SATISFIED"), null)).statusCode()).isEqualTo(201);
        // all satisfied is 90; less 7.2 (communication 8 × 0.9), 1.8 (price 6 × 0.3), 3.5 (packaging 5 × 0.7),
        // 4.2 (training 6 × 0.7) and 3.5 (documentation 5 × 0.7): 69.80
        HttpResponse<String> low = postSurvey(AGENT, null, surveyBody(unhappy, 2023, "2023-11-20T07:00:00Z", weakSpots, null));
        assertThat(low.body()).contains("\"baseScore\":69.80").contains("\"satisfied\":false");
        await("/api/v1/scorecards/" + unhappy + "/2023", AGENT, body -> body.contains("\"version\":0"));
        await("/api/v1/scorecards/" + satisfied + "/2023", AGENT, body -> body.contains("\"version\":0"));

        HttpResponse<String> below = http.get("/api/v1/scorecards?year=2023&below=70", ANALYST);
        assertThat(below.statusCode()).isEqualTo(200);
        assertThat(below.body()).contains(unhappy).doesNotContain(satisfied).contains("\"totalElements\":1");
        assertThat(http.get("/api/v1/scorecards?year=2023", ANALYST).body()).contains(unhappy).contains(satisfied);
        assertThat(http.get("/api/v1/scorecards?year=2023", AGENT).statusCode()).isEqualTo(403);

        HttpResponse<String> itemMeans = http.get("/api/v1/scorecards/item-means?year=2023", ANALYST);
        // communication (0.9 + 0.0) / 2 = 45 %, packaging, training, documentation (0.9 + 0.2) / 2 = 55 %, price (0.9 + 0.6) / 2 = 75 %
        assertThat(itemMeans.body()).contains("\"customersSurveyed\":2")
                .contains("\"items\":[{\"code\":\"COMMUNICATION\",\"name\":\"Communication\",\"weight\":8,\"responses\":2,\"meanScore\":3.60,\"meanPercent\":45.00}");
        JsonNode items = JSON.readTree(itemMeans.body()).get("items");
        assertThat(items).hasSize(14);
        assertThat(items.valueStream().map(item -> item.get("code").asString()).limit(5).toList())
                .as("weakest first, equal means by code").containsExactly("COMMUNICATION", "DOCUMENTATION", "PACKAGING", "TRAINING", "PRICE");
        Map<String, JsonNode> byCode = items.valueStream().collect(Collectors.toMap(item -> item.get("code").asString(), item -> item));
        assertThat(byCode.get("PACKAGING").get("meanPercent").decimalValue()).isEqualByComparingTo("55.00");
        assertThat(byCode.get("PRICE").get("meanPercent").decimalValue()).isEqualByComparingTo("75.00");
        assertThat(byCode.get("PRODUCT_QUALITY").get("meanPercent").decimalValue()).isEqualByComparingTo("90.00");
        assertThat(http.get("/api/v1/scorecards/item-means?year=2023", AGENT).statusCode()).isEqualTo(403);
    }

    private HttpResponse<String> postSurvey(String token, String idempotencyKey, String json) {
        HttpRequest.Builder request = http.request("/api/v1/surveys", token).header("Content-Type", "application/json");
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return http.send(request.POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    private static String surveyBody(String customer, int year, String respondedAt, Map<String, String> answers, String comments) {
        return JSON.writeValueAsString(new RecordSurveyRequest(customer, year, Instant.parse(respondedAt), answers, comments));
    }

    private static ComplaintVerificationChangedEvent changed(String complaint, String customer, Instant received, boolean responsible,
                                                             ComplaintCategory category, boolean previousResponsible,
                                                             ComplaintCategory previousCategory) {
        return new ComplaintVerificationChangedEvent(complaint, customer, received, responsible, category, "re-verified",
                previousResponsible, previousCategory);
    }

    /** As intake's relay publishes it: a stored complaint event encoded by the platform's codec. */
    private static CloudEvent verification(String complaint, long sequence, Object event) {
        return CloudEventCodec.encode(new GenericDomainEventMessage<>("Complaint", complaint, sequence, event,
                MetaData.with(AuditMetadata.ACTOR, "qing").and(AuditMetadata.CORRELATION_ID, complaint)), URI.create("/servicedesk/intake-service"));
    }

    private static void publish(String complaint, CloudEvent event) throws Exception {
        INTAKE.send(new ProducerRecord<>(Topics.COMPLAINT, complaint, event)).get();
    }

    private HttpResponse<String> await(String path, String token, Predicate<String> ready) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        HttpResponse<String> response;
        do {
            response = http.get(path, token);
            if (response.statusCode() == 200 && ready.test(response.body())) {
                return response;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError(path + " did not become ready: " + response.statusCode() + " " + response.body());
    }
}

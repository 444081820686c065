package com.servicedesk.reporting.web;

import com.servicedesk.embedded.EmbeddedKafkaBroker;
import com.servicedesk.embedded.FreePorts;
import com.servicedesk.events.Topics;
import com.servicedesk.events.fieldservice.Billing;
import com.servicedesk.events.fieldservice.FaultCause;
import com.servicedesk.events.fieldservice.FaultVerifiedEvent;
import com.servicedesk.events.fieldservice.ServiceOrderCompletedEvent;
import com.servicedesk.events.fieldservice.ServiceOrderOpenedEvent;
import com.servicedesk.events.fieldservice.ServiceOrderSignedOffEvent;
import com.servicedesk.events.fieldservice.ServiceReportSubmittedEvent;
import com.servicedesk.events.fieldservice.ServiceResult;
import com.servicedesk.events.fieldservice.SparePartRequestedEvent;
import com.servicedesk.events.fieldservice.SparePartShippedEvent;
import com.servicedesk.events.fieldservice.TechnicianArrivedEvent;
import com.servicedesk.events.fieldservice.TechnicianAssignedEvent;
import com.servicedesk.events.fieldservice.TechnicianDispatchedEvent;
import com.servicedesk.events.intake.Channel;
import com.servicedesk.events.intake.ComplaintAcknowledgedEvent;
import com.servicedesk.events.intake.ComplaintCategory;
import com.servicedesk.events.intake.ComplaintClosedEvent;
import com.servicedesk.events.intake.ComplaintRegisteredEvent;
import com.servicedesk.events.intake.ComplaintRejectedEvent;
import com.servicedesk.events.intake.ComplaintRepliedEvent;
import com.servicedesk.events.intake.ComplaintVerifiedEvent;
import com.servicedesk.events.intake.Contact;
import com.servicedesk.events.intake.FieldServiceArrivalRecordedEvent;
import com.servicedesk.events.intake.FieldServiceFinishedEvent;
import com.servicedesk.events.intake.FieldServiceLinkedEvent;
import com.servicedesk.events.intake.FieldServiceRequestedEvent;
import com.servicedesk.events.intake.Region;
import com.servicedesk.events.intake.ReplyMethod;
import com.servicedesk.events.intake.Severity;
import com.servicedesk.events.quality.CapaDecidedEvent;
import com.servicedesk.events.quality.CapaOpenedEvent;
import com.servicedesk.events.quality.CapaSource;
import com.servicedesk.events.satisfaction.DeductionAppliedEvent;
import com.servicedesk.events.satisfaction.ItemScore;
import com.servicedesk.events.satisfaction.Score;
import com.servicedesk.events.satisfaction.SurveyResponseRecordedEvent;
import com.servicedesk.platform.metadata.AuditMetadata;
import com.servicedesk.platform.relay.CloudEventCodec;
import com.servicedesk.platform.relay.PlatformKafkaAutoConfiguration;
import com.servicedesk.platform.testing.ForeignEvents;
import com.servicedesk.platform.testing.Http;
import com.servicedesk.platform.testing.ServiceTestProperties;
import com.servicedesk.platform.testing.TestTokens;
import com.servicedesk.reporting.ReportingServiceApplication;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The complaint trace on real PostgreSQL and Kafka: one complaint's story told over all four topics, each event with
 * the envelope its service's relay would give it (actor, correlation, causation), published topic by topic in an order
 * that is not the story's, with redeliveries, a second event claiming a taken sequence, and the events of another
 * complaint (one of a type this build does not know), a survey and a hand-opened CAPA around it. The expected trace is written out by hand below.
 * <p>
 * This class has a Kafka broker of its own: the shared test broker carries {@link ReportingIntegrationTest}'s scripted
 * year, whose dashboard counts every complaint on the topic, so neither story may reach the other's consumers.
 */
@SpringBootTest(classes = ReportingServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext // its consumers stop with the class, before the JVM stops the broker
class ComplaintTraceIntegrationTest {
    static final String AUDITOR = TestTokens.token("audrey", "AUDITOR");
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final Instant T0 = Instant.parse("2026-03-02T01:00:00Z");
    static final EmbeddedKafkaBroker BROKER = startBroker();

    static final String X = UUID.randomUUID().toString();
    static final String Y = UUID.randomUUID().toString();
    static final String ORDER = UUID.randomUUID().toString();
    static final String CAPA_FROM_REPORT = UUID.randomUUID().toString();
    static final String CAPA_FROM_COMPLAINT = UUID.randomUUID().toString();
    static final String CAPA_INTERNAL = UUID.randomUUID().toString();
    static final String CUSTOMER = "CUST-TRACE";
    static final String SCORECARD = CUSTOMER + ":2026";

    static ForeignEvents events;
    static boolean told;
    /** The story's event ids by "aggregateType:aggregateId:sequence", and the conflicting event's id. */
    static final Map<String, String> ids = new HashMap<>();
    static String conflictingId;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry, "reporting-trace");
        registry.add("spring.kafka.bootstrap-servers", BROKER::bootstrapServers);
    }

    static EmbeddedKafkaBroker startBroker() {
        try {
            EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(Files.createTempDirectory("servicedesk-trace-kafka-"),
                    FreePorts.find(), FreePorts.find());
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "trace-test-kafka-stop"));
            return broker;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the trace test's broker", e);
        }
    }

    @BeforeAll
    static void producer() {
        events = new ForeignEvents(BROKER.bootstrapServers());
    }

    @AfterAll
    static void close() {
        events.close();
    }

    @LocalServerPort
    int port;
    Http http;

    @BeforeEach
    void tellOnce() throws Exception {
        http = new Http("http://localhost:" + port);
        if (!told) {
            tell();
            told = true;
            // the last event of every aggregate is published after its redeliveries and the conflicting event, on the
            // same key and so the same partition: once they are in, everything before them was consumed
            await(X, t -> t.get("events").size() >= 23);
            await(Y, t -> t.get("events").size() >= 4);
        }
    }

    static void tell() throws Exception {
        Contact contact = new Contact("Li Wei", null, "li.wei@example.com");
        LocalDate delivered = LocalDate.parse("2025-09-01");
        Instant onSiteDue = minutes(60 * 24);
        Instant reportDue = minutes(600 + 48 * 60);
        String request = UUID.randomUUID().toString();

        // satisfaction first, although its events come last in the story: the trace orders by time, not by arrival
        publish(minutes(500), Topics.SCORECARD, "Scorecard", SCORECARD, 0, new SurveyResponseRecordedEvent(SCORECARD, CUSTOMER,
                2026, "survey-1", minutes(500), List.of(new ItemScore("PRODUCT_QUALITY", "Product quality", 10, "SATISFIED",
                new BigDecimal("0.9"), new BigDecimal("9"))), new BigDecimal("90.00"), null, true,
                new Score(new BigDecimal("90.00"), 0, new BigDecimal("90.00"), true)), SCORECARD, "ann", null);
        // the same instant as the CAPA the verification opens: the tie is broken by service, quality before satisfaction
        publish(minutes(801), Topics.SCORECARD, "Scorecard", SCORECARD, 1, new DeductionAppliedEvent(SCORECARD, CUSTOMER, 2026, X,
                ComplaintCategory.PRODUCT_QUALITY, 10, 6, new Score(new BigDecimal("90.00"), 10, new BigDecimal("80.00"), true)),
                X, "system:complaint-verifications", "X:6");
        redeliver("Scorecard:" + SCORECARD + ":1");
        // another complaint's deduction on the same scorecard: in Y's trace, not in X's
        publish(minutes(1200), Topics.SCORECARD, "Scorecard", SCORECARD, 2, new DeductionAppliedEvent(SCORECARD, CUSTOMER, 2026, Y,
                ComplaintCategory.DELIVERY, 10, 1, new Score(new BigDecimal("90.00"), 20, new BigDecimal("70.00"), true)),
                Y, "system:complaint-verifications", "Y:1");

        // quality: a CAPA from the service report, one from the verification, and one opened by hand
        publish(minutes(50), Topics.CAPA, "Capa", CAPA_INTERNAL, 0, new CapaOpenedEvent(CAPA_INTERNAL, CapaSource.INTERNAL,
                null, null, "burr on housings"), CAPA_INTERNAL, "quinn", null);
        publish(minutes(701), Topics.CAPA, "Capa", CAPA_FROM_REPORT, 0, new CapaOpenedEvent(CAPA_FROM_REPORT,
                CapaSource.SERVICE_REPORT, ORDER, X, "product defect found on site"), X, "system:capa-trigger", "O:9");
        publish(minutes(801), Topics.CAPA, "Capa", CAPA_FROM_COMPLAINT, 0, new CapaOpenedEvent(CAPA_FROM_COMPLAINT,
                CapaSource.COMPLAINT, X, X, "verified product quality complaint"), X, "system:capa-trigger", "X:6");
        publish(minutes(900), Topics.CAPA, "Capa", CAPA_FROM_COMPLAINT, 1, new CapaDecidedEvent(CAPA_FROM_COMPLAINT, true,
                "recurring seal failures"), X, "quinn", null);

        // field service, with two redeliveries in the middle
        publish(minutes(91), Topics.SERVICE_ORDER, "ServiceOrder", ORDER, 0, new ServiceOrderOpenedEvent(ORDER, X, request,
                "spindle vibrates", CUSTOMER, "Jiangnan Machinery", contact, "HX-200", "SN-1", delivered, Region.IN_PROVINCE,
                ComplaintCategory.PRODUCT_QUALITY, Severity.HIGH, T0, onSiteDue), X, "system:field-service-intake", "X:2");
        publish(minutes(120), Topics.SERVICE_ORDER, "ServiceOrder", ORDER, 1, new TechnicianAssignedEvent(ORDER, X, "tom",
                minutes(240), null), X, "dora", null);
        publish(minutes(121), Topics.SERVICE_ORDER, "ServiceOrder", ORDER, 2, new TechnicianDispatchedEvent(ORDER, X, "tom",
                "check the spindle bearings"), X, "dora", null);
        publish(minutes(300), Topics.SERVICE_ORDER, "ServiceOrder", ORDER, 3, new TechnicianArrivedEvent(ORDER, X, request, "tom",
                Region.IN_PROVINCE, minutes(300), onSiteDue, true), X, "tom", null);
        redeliver("ServiceOrder:" + ORDER + ":0");
        redeliver("ServiceOrder:" + ORDER + ":3");
        publish(minutes(310), Topics.SERVICE_ORDER, "ServiceOrder", ORDER, 4, new FaultVerifiedEvent(ORDER, X, true, "bearing worn",
                FaultCause.PRODUCT_DEFECT, "Li Wei", delivered, delivered.plusMonths(12).minusDays(1), Billing.IN_WARRANTY,
                "inside the warranty period"), X, "tom", null);
        publish(minutes(320), Topics.SERVICE_ORDER, "ServiceOrder", ORDER, 5, new SparePartRequestedEvent(ORDER, X, "part-1",
                "BRG-6205", 2, Billing.IN_WARRANTY), X, "tom", null);
        publish(minutes(400), Topics.SERVICE_ORDER, "ServiceOrder", ORDER, 6, new SparePartShippedEvent(ORDER, X, "part-1",
                "BRG-6205", 2, "SF Express", "SF1234"), X, "dora", null);
        publish(minutes(600), Topics.SERVICE_ORDER, "ServiceOrder", ORDER, 7, new ServiceOrderCompletedEvent(ORDER, X, request,
                "bearings replaced", ServiceResult.RESOLVED, minutes(600), reportDue), X, "tom", null);
        publish(minutes(605), Topics.SERVICE_ORDER, "ServiceOrder", ORDER, 8, new ServiceOrderSignedOffEvent(ORDER, X, "Li Wei",
                "quick work"), X, "tom", null);
        publish(minutes(700), Topics.SERVICE_ORDER, "ServiceOrder", ORDER, 9, new ServiceReportSubmittedEvent(ORDER, X, CUSTOMER,
                "HX-200", "SN-1", true, FaultCause.PRODUCT_DEFECT, "bearing defect", "batch 7 bearings", reportDue, false),
                X, "tom", null);

        // intake: the other complaint, then X with a redelivery and a second event claiming sequence 2
        publish(minutes(10), Topics.COMPLAINT, "Complaint", Y, 0, registered(Y, minutes(10)), Y, "ann", null);
        publish(minutes(1150), Topics.COMPLAINT, "Complaint", Y, 1, new ComplaintVerifiedEvent(Y, CUSTOMER, minutes(10), true,
                ComplaintCategory.DELIVERY, "late truck"), Y, "quinn", null);
        // a type this build does not know (a newer intake): the read models skip it, the audit record keeps it
        events.send(KafkaMessageFactory.createWriter(Topics.COMPLAINT, Y).writeBinary(CloudEventBuilder.v1()
                .withId(UUID.randomUUID().toString()).withType("ComplaintEscalated").withSource(URI.create("/servicedesk/intake"))
                .withSubject(Y).withTime(OffsetDateTime.ofInstant(minutes(1300), ZoneOffset.UTC))
                .withDataContentType(CloudEventCodec.JSON)
                .withData(("{\"complaintId\":\"" + Y + "\",\"level\":\"MANAGEMENT\"}").getBytes(StandardCharsets.UTF_8))
                .withExtension(CloudEventCodec.SEQUENCE, "2").withExtension(CloudEventCodec.ACTOR, "ann")
                .withExtension(CloudEventCodec.CORRELATION_ID, Y).withExtension(CloudEventCodec.CAUSATION_ID, Y).build()));
        publish(T0, Topics.COMPLAINT, "Complaint", X, 0, registered(X, T0), X, "ann", null);
        publish(minutes(60), Topics.COMPLAINT, "Complaint", X, 1, new ComplaintAcknowledgedEvent(X, "called back"), X, "ann", null);
        publish(minutes(90), Topics.COMPLAINT, "Complaint", X, 2, new FieldServiceRequestedEvent(X, request, "spindle vibrates",
                CUSTOMER, "Jiangnan Machinery", contact, "HX-200", "SN-1", delivered, Region.IN_PROVINCE,
                ComplaintCategory.PRODUCT_QUALITY, Severity.HIGH, T0, onSiteDue), X, "ann", null);
        redeliver("Complaint:" + X + ":2");
        conflictingId = publish(minutes(95), Topics.COMPLAINT, "Complaint", X, 2, new ComplaintRejectedEvent(X, "forged"), X,
                "mallory", null);
        publish(minutes(92), Topics.COMPLAINT, "Complaint", X, 3, new FieldServiceLinkedEvent(X, request, ORDER), X,
                "system:field-service-feedback", "O:0");
        publish(minutes(301), Topics.COMPLAINT, "Complaint", X, 4, new FieldServiceArrivalRecordedEvent(X, request, ORDER,
                minutes(300), onSiteDue), X, "system:field-service-feedback", "O:3");
        publish(minutes(601), Topics.COMPLAINT, "Complaint", X, 5, new FieldServiceFinishedEvent(X, request, ORDER, false,
                ServiceResult.RESOLVED), X, "system:field-service-feedback", "O:7");
        publish(minutes(800), Topics.COMPLAINT, "Complaint", X, 6, new ComplaintVerifiedEvent(X, CUSTOMER, T0, true,
                ComplaintCategory.PRODUCT_QUALITY, "bearing defect, batch 7"), X, "quinn", null);
        publish(minutes(1000), Topics.COMPLAINT, "Complaint", X, 7, new ComplaintRepliedEvent(X, ReplyMethod.PHONE,
                "bearings replaced under warranty"), X, "ann", null);
        publish(minutes(1100), Topics.COMPLAINT, "Complaint", X, 8, new ComplaintClosedEvent(X, "resolved"), X, "ann", null);
    }

    @Test
    void theTraceIsTheComplaintsStoryAcrossAllFourServicesInTimeOrderEachEventOnce() {
        JsonNode trace = get("/api/v1/audit/complaints/" + X + "/trace");
        List<String> expected = List.of(
                "intake Complaint X 0 ComplaintRegistered",
                "intake Complaint X 1 ComplaintAcknowledged",
                "intake Complaint X 2 FieldServiceRequested",
                "fieldservice ServiceOrder O 0 ServiceOrderOpened",
                "intake Complaint X 3 FieldServiceLinked",
                "fieldservice ServiceOrder O 1 TechnicianAssigned",
                "fieldservice ServiceOrder O 2 TechnicianDispatched",
                "fieldservice ServiceOrder O 3 TechnicianArrived",
                "intake Complaint X 4 FieldServiceArrivalRecorded",
                "fieldservice ServiceOrder O 4 FaultVerified",
                "fieldservice ServiceOrder O 5 SparePartRequested",
                "fieldservice ServiceOrder O 6 SparePartShipped",
                "fieldservice ServiceOrder O 7 ServiceOrderCompleted",
                "intake Complaint X 5 FieldServiceFinished",
                "fieldservice ServiceOrder O 8 ServiceOrderSignedOff",
                "fieldservice ServiceOrder O 9 ServiceReportSubmitted",
                "quality Capa K-report 0 CapaOpened",
                "intake Complaint X 6 ComplaintVerified",
                "quality Capa K-complaint 0 CapaOpened",
                "satisfaction Scorecard S 1 DeductionApplied",
                "quality Capa K-complaint 1 CapaDecided",
                "intake Complaint X 7 ComplaintReplied",
                "intake Complaint X 8 ComplaintClosed");
        assertThat(steps(trace)).containsExactlyElementsOf(expected);

        assertThat(trace.get("complaintId").asText()).isEqualTo(X);
        assertThat(trace.get("services").toString()).isEqualTo("{\"intake\":9,\"fieldservice\":10,\"quality\":3,\"satisfaction\":1}");
        assertThat(trace.get("aggregates").toString()).isEqualTo("["
                + "{\"service\":\"intake\",\"aggregateType\":\"Complaint\",\"aggregateId\":\"" + X + "\",\"events\":9},"
                + "{\"service\":\"fieldservice\",\"aggregateType\":\"ServiceOrder\",\"aggregateId\":\"" + ORDER + "\",\"events\":10},"
                + "{\"service\":\"quality\",\"aggregateType\":\"Capa\",\"aggregateId\":\"" + CAPA_FROM_REPORT + "\",\"events\":1},"
                + "{\"service\":\"quality\",\"aggregateType\":\"Capa\",\"aggregateId\":\"" + CAPA_FROM_COMPLAINT + "\",\"events\":2},"
                + "{\"service\":\"satisfaction\",\"aggregateType\":\"Scorecard\",\"aggregateId\":\"" + SCORECARD + "\",\"events\":1}]");
        for (JsonNode event : trace.get("events")) {
            assertThat(event.get("correlationId").asText()).isEqualTo(X);
        }

        // the envelope and the payload as the producer published them; the causes can be followed by event id
        JsonNode first = trace.get("events").get(0);
        assertThat(first.get("occurredAt").asText()).isEqualTo("2026-03-02T01:00:00Z");
        assertThat(first.get("actor").asText()).isEqualTo("ann");
        assertThat(first.get("eventId").asText()).isEqualTo(idOf("Complaint:" + X + ":0"));
        assertThat(first.at("/payload/customerName").asText()).isEqualTo("Jiangnan Machinery");
        JsonNode opened = trace.get("events").get(3);
        assertThat(opened.get("actor").asText()).isEqualTo("system:field-service-intake");
        assertThat(opened.get("causationId").asText()).isEqualTo(trace.get("events").get(2).get("eventId").asText());
        JsonNode deduction = trace.get("events").get(19);
        assertThat(deduction.at("/payload/complaintId").asText()).isEqualTo(X);
        assertThat(deduction.at("/payload/points").asInt()).isEqualTo(10);
        assertThat(deduction.get("causationId").asText()).isEqualTo(idOf("Complaint:" + X + ":6"));
        assertThat(trace.get("events").get(16).at("/payload/sourceId").asText()).isEqualTo(ORDER);
    }

    @Test
    void aSharedScorecardGivesEachComplaintOnlyItsOwnDeductionAndAnUnknownTypeIsKept() {
        JsonNode trace = get("/api/v1/audit/complaints/" + Y + "/trace");
        assertThat(steps(trace)).containsExactly(
                "intake Complaint Y 0 ComplaintRegistered",
                "intake Complaint Y 1 ComplaintVerified",
                "satisfaction Scorecard S 2 DeductionApplied",
                "intake Complaint Y 2 ComplaintEscalated");
        assertThat(trace.get("services").toString()).isEqualTo("{\"intake\":3,\"fieldservice\":0,\"quality\":0,\"satisfaction\":1}");
        assertThat(trace.get("events").get(3).at("/payload/level").asText()).isEqualTo("MANAGEMENT");
    }

    @Test
    void anEventClaimingATakenSequenceIsNotInTheTraceButInTheDeadLetterTopic() {
        assertThat(get("/api/v1/audit/complaints/" + X + "/trace").toString()).doesNotContain(conflictingId).doesNotContain("mallory");
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, BROKER.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "trace-test-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> deadIds = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.COMPLAINT + PlatformKafkaAutoConfiguration.DEAD_LETTER_SUFFIX));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!deadIds.contains(conflictingId) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    Header id = record.headers().lastHeader("ce_id");
                    deadIds.add(id == null ? null : new String(id.value(), StandardCharsets.UTF_8));
                }
            }
        }
        // only the conflicting event: the redeliveries were no error
        assertThat(deadIds).containsExactly(conflictingId);
    }

    @Test
    void jsonLinesGiveTheSameEventsOnePerLine() throws Exception {
        JsonNode trace = get("/api/v1/audit/complaints/" + X + "/trace");
        HttpResponse<String> lines = http.get("/api/v1/audit/complaints/" + X + "/trace?format=jsonl", AUDITOR);
        assertThat(lines.statusCode()).as(lines.body()).isEqualTo(200);
        assertThat(lines.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/x-ndjson"));
        assertThat(lines.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"complaint-" + X + "-trace.jsonl\"");
        String[] rows = lines.body().split("\n");
        assertThat(rows).hasSize(23);
        for (int i = 0; i < rows.length; i++) {
            assertThat(JSON.readTree(rows[i])).isEqualTo(trace.get("events").get(i));
        }
    }

    @Test
    void unknownIdIs404AndOtherRolesAndFormatsAreRefusedAsProblems() {
        HttpResponse<String> unknown = http.get("/api/v1/audit/complaints/" + UUID.randomUUID() + "/trace", AUDITOR);
        assertProblem(unknown, 404);
        // correlation ids that are no complaint's: a hand-opened CAPA's, a survey's
        assertProblem(http.get("/api/v1/audit/complaints/" + CAPA_INTERNAL + "/trace", AUDITOR), 404);
        assertProblem(http.get("/api/v1/audit/complaints/" + SCORECARD + "/trace", AUDITOR), 404);
        HttpResponse<String> format = http.get("/api/v1/audit/complaints/" + X + "/trace?format=xml", AUDITOR);
        assertProblem(format, 400);
        assertThat(format.body()).contains("{\"field\":\"format\",\"message\":\"must be json or jsonl\"}");
        assertProblem(http.get("/api/v1/audit/complaints/" + X + "/trace", TestTokens.token("viv", "ANALYST")), 403);
        assertProblem(http.get("/api/v1/audit/complaints/" + X + "/trace", TestTokens.token("ann", "AGENT", "QUALITY")), 403);
        assertProblem(http.get("/api/v1/audit/complaints/" + X + "/trace", null), 401);
        assertThat(http.get("/api/v1/audit/complaints/" + X + "/trace", TestTokens.token("root", "ADMIN")).statusCode()).isEqualTo(200);
    }

    /** "service aggregateType aggregate sequence type", aggregates by their names in the story. */
    private static List<String> steps(JsonNode trace) {
        Map<String, String> names = Map.of(X, "X", Y, "Y", ORDER, "O", CAPA_FROM_REPORT, "K-report",
                CAPA_FROM_COMPLAINT, "K-complaint", CAPA_INTERNAL, "K-internal", SCORECARD, "S");
        List<String> steps = new ArrayList<>();
        for (JsonNode event : trace.get("events")) {
            steps.add(event.get("service").asText() + " " + event.get("aggregateType").asText() + " "
                    + names.getOrDefault(event.get("aggregateId").asText(), event.get("aggregateId").asText()) + " "
                    + event.get("sequence").asLong() + " " + event.get("type").asText());
        }
        return steps;
    }

    private static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"status\":" + status);
    }

    private static ComplaintRegisteredEvent registered(String id, Instant at) {
        return new ComplaintRegisteredEvent(id, CUSTOMER, "Jiangnan Machinery", new Contact("Li Wei", null, "li.wei@example.com"),
                Channel.PHONE, "HX-200", "SN-1", LocalDate.parse("2025-09-01"), ComplaintCategory.PRODUCT_QUALITY, Severity.HIGH,
                Region.IN_PROVINCE, "Spindle vibrates above 3000 rpm", at, null, at.plus(Duration.ofHours(24)),
                at.plus(Duration.ofHours(48)));
    }

    private static Instant minutes(long minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    static final Map<String, ProducerRecord<String, byte[]>> records = new HashMap<>();

    /**
     * Publishes as the owning service's relay would. {@code cause} names an event of this story ("X:2" is complaint X's
     * sequence 2, "O:9" the order's), published before or after: its id becomes the causation id. A second event for
     * an aggregate's sequence gets an id of its own, as a forged or buggy one would.
     *
     * @return the event's id
     */
    private static String publish(Instant at, String topic, String aggregateType, String aggregateId, long sequence,
                                  Object payload, String correlationId, String actor, String cause) throws Exception {
        MetaData metaData = MetaData.with(AuditMetadata.ACTOR, actor).and(AuditMetadata.CORRELATION_ID, correlationId);
        if (cause != null) {
            String[] parts = cause.split(":");
            String causeKey = (parts[0].equals("X") ? "Complaint:" + X : parts[0].equals("Y") ? "Complaint:" + Y
                    : "ServiceOrder:" + ORDER) + ":" + parts[1];
            metaData = metaData.and(AuditMetadata.CAUSATION_ID, idOf(causeKey));
        }
        String key = aggregateType + ":" + aggregateId + ":" + sequence;
        String eventId = records.containsKey(key) ? UUID.randomUUID().toString() : idOf(key);
        GenericDomainEventMessage<Object> message = new GenericDomainEventMessage<>(aggregateType, aggregateId, sequence,
                payload, metaData, eventId, at);
        ProducerRecord<String, byte[]> record = KafkaMessageFactory.createWriter(topic, aggregateId)
                .writeBinary(CloudEventCodec.encode(message, URI.create("/servicedesk/test")));
        events.send(record);
        records.putIfAbsent(key, record);
        return eventId;
    }

    /** The id of the story's event "aggregateType:aggregateId:sequence". */
    private static String idOf(String key) {
        return ids.computeIfAbsent(key, k -> UUID.randomUUID().toString());
    }

    private static void redeliver(String key) throws Exception {
        events.send(records.get(key));
    }

    private JsonNode get(String path) {
        HttpResponse<String> response = http.get(path, AUDITOR);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private void await(String complaintId, Predicate<JsonNode> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            last = http.get("/api/v1/audit/complaints/" + complaintId + "/trace", AUDITOR);
            if (last.statusCode() == 200 && done.test(JSON.readTree(last.body()))) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("trace of " + complaintId + " not complete within 60 s: " + (last == null ? null : last.body()));
    }
}

package com.servicedesk.fieldservice.web;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.servicedesk.embedded.TestInfrastructure;
import com.servicedesk.events.Topics;
import com.servicedesk.events.intake.ComplaintCategory;
import com.servicedesk.events.intake.Contact;
import com.servicedesk.events.intake.FieldServiceRequestedEvent;
import com.servicedesk.events.intake.Region;
import com.servicedesk.events.intake.Severity;
import com.servicedesk.fieldservice.FieldserviceServiceApplication;
import com.servicedesk.fieldservice.integration.FieldServiceRequestedHandler;
import com.servicedesk.platform.testing.ForeignEvents;
import com.servicedesk.platform.testing.Http;
import com.servicedesk.platform.testing.ServiceTestProperties;
import com.servicedesk.platform.testing.TestTokens;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** Field service on real PostgreSQL, Kafka and Mongo-wire: intake's request on Kafka → order → HTTP steps → topic and read models. */
@SpringBootTest(classes = FieldserviceServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ServiceOrderIntegrationTest {
    static final Contact CONTACT = new Contact("Li Wei", "+86 21 5555 0101", "li.wei@example.com");
    static ForeignEvents intake;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry, "fieldservice");
    }

    @BeforeAll
    static void producer() {
        intake = new ForeignEvents(TestInfrastructure.get().kafka().bootstrapServers());
    }

    @AfterAll
    static void closeProducer() {
        intake.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    MongoDatabase readModels;
    @Autowired
    JdbcTemplate jdbc;
    Http http;

    @BeforeEach
    void client() {
        http = new Http("http://127.0.0.1:" + port);
    }

    @Test
    void aRedeliveredRequestOpensExactlyOneOrder() throws Exception {
        String complaintId = UUID.randomUUID().toString();
        String requestId = UUID.randomUUID().toString();
        ProducerRecord<String, byte[]> record = request(complaintId, requestId, 2, Severity.HIGH, Instant.now().plus(Duration.ofDays(1)));
        intake.send(record);
        String orderId = FieldServiceRequestedHandler.serviceOrderId(requestId);
        awaitBody("/api/v1/service-orders/" + orderId, TestTokens.token("dora", "DISPATCHER"), b -> b.contains("\"status\":\"OPEN\""));

        // a plain redelivery, and one after the consumer lost its position (the order id itself then refuses it)
        readModels.getCollection("applied_sequences").deleteMany(Filters.eq("consumer", FieldServiceRequestedHandler.NAME));
        intake.send(record);
        String marker = UUID.randomUUID().toString();
        intake.send(request(marker, UUID.randomUUID().toString(), 0, Severity.LOW, Instant.now().plus(Duration.ofDays(3))));
        awaitBody("/api/v1/service-orders?complaintId=" + marker, TestTokens.token("dora", "DISPATCHER"),
                b -> b.contains("\"totalElements\":1"));

        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?", Integer.class, orderId))
                .isEqualTo(1);
        HttpResponse<String> list = http.get("/api/v1/service-orders?complaintId=" + complaintId, TestTokens.token("ann", "AGENT"));
        assertThat(list.body()).contains("\"totalElements\":1").contains("\"requestId\":\"" + requestId + "\"");
    }

    @Test
    void theDispatchQueuePutsEmergenciesFirstThenSeverityThenDeadlineThenArrival() throws Exception {
        Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // arrival order: low, high-late, emergency-late, high-early, emergency-early, high-late-again
        String[] names = {"low", "highLate", "emergencyLate", "highEarly", "emergencyEarly", "highLateAgain"};
        Severity[] severities = {Severity.LOW, Severity.HIGH, Severity.EMERGENCY, Severity.HIGH, Severity.EMERGENCY, Severity.HIGH};
        Duration[] due = {Duration.ofHours(2), Duration.ofDays(3), Duration.ofDays(3), Duration.ofDays(1), Duration.ofDays(1), Duration.ofDays(3)};
        String tag = "Q-" + UUID.randomUUID();
        List<String> orderIds = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            String requestId = tag + "-" + names[i];
            intake.send(request(UUID.randomUUID().toString(), requestId, 2, severities[i], base.plus(due[i]), tag));
            orderIds.add(FieldServiceRequestedHandler.serviceOrderId(requestId));
            // arrival order is the order the requests reached us
            awaitBody("/api/v1/service-orders/" + orderIds.get(i), TestTokens.token("dora", "DISPATCHER"), b -> b.contains("OPEN"));
        }
        // dispatching one takes it out of the queue
        String highLateAgain = orderIds.get(5);
        assign(highLateAgain, "tech-1");
        assertThat(http.postJson("/api/v1/service-orders/" + highLateAgain + "/dispatch", TestTokens.token("dora", "DISPATCHER"),
                "{\"taskBrief\":\"check\"}").statusCode()).isEqualTo(200);
        awaitBody("/api/v1/service-orders/" + highLateAgain, TestTokens.token("dora", "DISPATCHER"), b -> b.contains("DISPATCHED"));

        String queue = http.get("/api/v1/dispatch-queue?size=200", TestTokens.token("tess", "TECHNICIAN")).body();
        List<String> ours = new ArrayList<>();
        for (String part : queue.split("\"serviceOrderId\":\"")) {
            String id = part.substring(0, Math.min(36, part.length()));
            if (orderIds.contains(id)) {
                ours.add(names[orderIds.indexOf(id)]);
            }
        }
        assertThat(ours).containsExactly("emergencyEarly", "emergencyLate", "highEarly", "highLate", "low");
    }

    @Test
    void anOrderGoesFromRequestToSignedReportWithWarrantyPartsAndEvents() throws Exception {
        String complaintId = UUID.randomUUID().toString();
        String requestId = UUID.randomUUID().toString();
        intake.send(request(complaintId, requestId, 2, Severity.HIGH, Instant.now().plus(Duration.ofDays(1))));
        String id = FieldServiceRequestedHandler.serviceOrderId(requestId);
        String dispatcher = TestTokens.token("dora", "DISPATCHER");
        String technician = TestTokens.token("tom", "TECHNICIAN");
        awaitBody("/api/v1/service-orders/" + id, dispatcher, b -> b.contains("OPEN"));
        String path = "/api/v1/service-orders/" + id;

        // order of steps and roles
        assertConflict(http.postJson(path + "/dispatch", dispatcher, "{\"taskBrief\":\"go\"}"), "assign a technician first");
        assertThat(http.postJson(path + "/assignment", technician, "{\"technicianId\":\"tom\",\"plannedVisitAt\":\"2026-11-23T01:00:00Z\"}")
                .statusCode()).isEqualTo(403);
        assign(id, "tom");
        HttpResponse<String> noBrief = http.postJson(path + "/dispatch", dispatcher, "{\"taskBrief\":\" \"}");
        assertThat(noBrief.statusCode()).isEqualTo(400);
        assertThat(noBrief.body()).contains("\"field\":\"taskBrief\"");
        assertThat(http.postJson(path + "/dispatch", dispatcher, "{\"taskBrief\":\"replace spindle bearing\"}").statusCode()).isEqualTo(200);
        assertThat(http.postJson(path + "/arrival", technician, "{\"arrivedAt\":\"" + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\"}")
                .statusCode()).isEqualTo(200);
        assertConflict(http.postJson(path + "/completion", technician, "{\"workPerformed\":\"x\",\"result\":\"RESOLVED\"}"), "verified");

        HttpResponse<String> verified = http.postJson(path + "/fault-verification", technician,
                "{\"faultConfirmed\":true,\"description\":\"bearing worn\",\"cause\":\"PRODUCT_DEFECT\",\"witnessedBy\":\"Li Wei\"}");
        assertThat(verified.statusCode()).as(verified.body()).isEqualTo(200);
        assertThat(verified.body()).contains("\"billing\":\"IN_WARRANTY\"").contains("\"warrantyEndsOn\":\"2027-02-28\"");
        HttpResponse<String> badCause = http.postJson(path + "/fault-verification", technician,
                "{\"faultConfirmed\":true,\"description\":\"x\",\"cause\":\"GREMLINS\",\"witnessedBy\":\"Li Wei\"}");
        assertThat(badCause.statusCode()).isEqualTo(400);
        assertThat(badCause.body()).contains("\"field\":\"cause\"");

        HttpResponse<String> part = http.postJson(path + "/spare-parts", technician, "{\"partNumber\":\"BRG-6204\",\"quantity\":2}");
        assertThat(part.statusCode()).as(part.body()).isEqualTo(201);
        String partRequestId = part.body().replaceAll(".*\"partRequestId\":\"([^\"]+)\".*", "$1");
        assertThat(http.postJson(path + "/spare-parts", technician, "{\"partNumber\":\"SEAL-20\",\"quantity\":1}").statusCode()).isEqualTo(201);
        assertThat(http.postJson(path + "/spare-parts/" + partRequestId + "/shipment", dispatcher,
                "{\"carrier\":\"SF Express\",\"trackingNumber\":\"SF100200\"}").statusCode()).isEqualTo(200);
        assertConflict(http.postJson(path + "/spare-parts/" + partRequestId + "/shipment", dispatcher,
                "{\"carrier\":\"SF Express\",\"trackingNumber\":\"SF100201\"}"), "shipped already");
        assertThat(http.postJson(path + "/spare-parts/nope/shipment", dispatcher, "{\"carrier\":\"SF\",\"trackingNumber\":\"1\"}")
                .statusCode()).isEqualTo(404);

        assertThat(http.postJson(path + "/completion", technician, "{\"workPerformed\":\"bearing replaced\",\"result\":\"RESOLVED\"}")
                .statusCode()).isEqualTo(200);
        assertConflict(http.postJson(path + "/report", technician, "{\"summary\":\"done\"}"), "sign-off comes first");
        assertThat(http.postJson(path + "/sign-off", technician, "{\"signedBy\":\"Li Wei\",\"comments\":\"quick and tidy\"}")
                .statusCode()).isEqualTo(200);
        assertThat(http.postJson(path + "/report", technician, "{\"summary\":\"bearing replaced under warranty\",\"qualityFindings\":\"batch 2026-02\"}")
                .statusCode()).isEqualTo(200);
        assertConflict(http.postJson(path + "/cancellation", dispatcher, "{\"reason\":\"too late\"}"), "completed work");

        String order = awaitBody(path, technician, b -> b.contains("\"status\":\"REPORTED\""));
        assertThat(order).contains("\"billing\":\"IN_WARRANTY\"").contains("\"partNumber\":\"BRG-6204\"")
                .contains("\"trackingNumber\":\"SF100200\"").contains("\"signedBy\":\"Li Wei\"").contains("\"comments\":\"quick and tidy\"")
                .contains("\"summary\":\"bearing replaced under warranty\"").contains("\"state\":\"MET\"").contains("\"onTime\":true")
                .contains("\"witnessedBy\":\"Li Wei\"").contains("\"visitNumber\":1");

        // the registers: both parts are in warranty; one shipped, one waiting
        String ledger = http.get("/api/v1/ledgers/warranty-spare-parts", technician).body();
        assertThat(ledger).contains(partRequestId).contains("SEAL-20");
        HttpResponse<String> csv = http.send(http.request("/api/v1/ledgers/reissue-notices?status=REQUESTED", technician)
                .header("Accept", "text/csv").GET().build());
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/csv"));
        String[] lines = csv.body().split("\r\n");
        assertThat(lines[0]).startsWith("\uFEFFpartRequestId,requestedAt,status,");
        assertThat(csv.body()).contains("SEAL-20").doesNotContain("BRG-6204");

        // every step is on the topic, in order, correlated with the complaint
        List<ConsumerRecord<String, byte[]>> published = topic(id, 11);
        assertThat(published).extracting(r -> new String(r.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8))
                .containsExactly("ServiceOrderOpened", "TechnicianAssigned", "TechnicianDispatched", "TechnicianArrived",
                        "FaultVerified", "SparePartRequested", "SparePartRequested", "SparePartShipped", "ServiceOrderCompleted",
                        "ServiceOrderSignedOff", "ServiceReportSubmitted");
        assertThat(published).allSatisfy(r -> assertThat(new String(r.headers().lastHeader("ce_correlationid").value(),
                StandardCharsets.UTF_8)).isEqualTo(complaintId));

        HttpResponse<String> audit = http.get("/api/v1/audit/service-orders/" + id + "/events", TestTokens.token("aude", "AUDITOR"));
        assertThat(audit.statusCode()).isEqualTo(200);
        assertThat(audit.body()).contains("\"actor\":\"tom\"").contains("\"actor\":\"dora\"").contains("\"actor\":\"system:field-service-intake\"");
    }

    @Test
    void anOrderWithoutDeliveryDateIsPaidAndStatisticsCountIt() throws Exception {
        String requestId = UUID.randomUUID().toString();
        intake.send(new Request(UUID.randomUUID().toString(), requestId, null, Severity.MEDIUM,
                Instant.now().plus(Duration.ofDays(1)), null).record());
        String id = FieldServiceRequestedHandler.serviceOrderId(requestId);
        String technician = TestTokens.token("tom", "TECHNICIAN");
        awaitBody("/api/v1/service-orders/" + id, technician, b -> b.contains("OPEN"));
        assign(id, "tom");
        String path = "/api/v1/service-orders/" + id;
        http.postJson(path + "/dispatch", TestTokens.token("dora", "DISPATCHER"), "{\"taskBrief\":\"look\"}");
        http.postJson(path + "/arrival", technician, "{\"arrivedAt\":\"" + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\"}");
        HttpResponse<String> verified = http.postJson(path + "/fault-verification", technician,
                "{\"faultConfirmed\":false,\"description\":\"no fault found\",\"cause\":\"UNKNOWN\",\"witnessedBy\":\"Wang\"}");
        assertThat(verified.body()).contains("\"billing\":\"PAID\"").contains("no delivery date");
        awaitBody(path, technician, b -> b.contains("\"billing\":\"PAID\""));

        String statistics = http.get("/api/v1/service-orders/statistics", TestTokens.token("ana", "ANALYST")).body();
        assertThat(statistics).contains("\"onSite\"").contains("\"IN_PROVINCE\"").contains("\"firstVisitFix\"").contains("\"PAID\":");
    }

    private void assign(String id, String technician) {
        HttpResponse<String> assigned = http.postJson("/api/v1/service-orders/" + id + "/assignment", TestTokens.token("dora", "DISPATCHER"),
                "{\"technicianId\":\"" + technician + "\",\"plannedVisitAt\":\"2026-11-23T01:00:00Z\"}");
        assertThat(assigned.statusCode()).as(assigned.body()).isEqualTo(200);
    }

    private static void assertConflict(HttpResponse<String> response, String says) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("problem+json"));
        assertThat(response.body()).contains(says);
    }

    static ProducerRecord<String, byte[]> request(String complaintId, String requestId, long sequence, Severity severity, Instant onSiteDue)
            throws Exception {
        return request(complaintId, requestId, sequence, severity, onSiteDue, "needs a technician");
    }

    static ProducerRecord<String, byte[]> request(String complaintId, String requestId, long sequence, Severity severity, Instant onSiteDue,
                                                  String reason) throws Exception {
        return new Request(complaintId, requestId, LocalDate.of(2026, 3, 1), severity, onSiteDue, reason, sequence).record();
    }

    /** A FieldServiceRequested as intake publishes it (not sent until {@link #record()} is given to the producer). */
    record Request(String complaintId, String requestId, LocalDate delivered, Severity severity, Instant onSiteDue,
                                String reason, long sequence) {
        Request(String complaintId, String requestId, LocalDate delivered, Severity severity, Instant onSiteDue, String reason) {
            this(complaintId, requestId, delivered, severity, onSiteDue, reason == null ? "needs a technician" : reason, 2);
        }

        ProducerRecord<String, byte[]> record() throws Exception {
            FieldServiceRequestedEvent event = new FieldServiceRequestedEvent(complaintId, requestId, reason, "CUST-42",
                    "Jiangnan Machinery", CONTACT, "HX-200", "SN-1", delivered, Region.IN_PROVINCE, ComplaintCategory.PRODUCT_QUALITY,
                    severity, Instant.parse("2026-11-20T07:00:00Z"), onSiteDue);
            return intake.publish(Topics.COMPLAINT, "Complaint", complaintId, sequence, event, complaintId);
        }
    }

    private String awaitBody(String path, String token, Predicate<String> ready) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        HttpResponse<String> response;
        do {
            response = http.get(path, token);
            if (response.statusCode() == 200 && ready.test(response.body())) {
                return response.body();
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("not ready in 10 s: " + path + " → " + response.statusCode() + " " + response.body());
    }

    private static List<ConsumerRecord<String, byte[]>> topic(String key, int expected) {
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.SERVICE_ORDER));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline && found.size() < expected) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (key.equals(r.key())) {
                        found.add(r);
                    }
                });
            }
        }
        return found;
    }
}

package com.servicedesk.quality.web;

import com.servicedesk.embedded.TestInfrastructure;
import com.servicedesk.events.Topics;
import com.servicedesk.events.fieldservice.FaultCause;
import com.servicedesk.events.fieldservice.ServiceReportSubmittedEvent;
import com.servicedesk.events.intake.ComplaintCategory;
import com.servicedesk.events.intake.ComplaintVerificationChangedEvent;
import com.servicedesk.events.intake.ComplaintVerifiedEvent;
import com.servicedesk.events.quality.CapaSource;
import com.servicedesk.platform.testing.ForeignEvents;
import com.servicedesk.platform.testing.Http;
import com.servicedesk.platform.testing.MutableClock;
import com.servicedesk.platform.testing.ServiceTestProperties;
import com.servicedesk.platform.testing.TestTokens;
import com.servicedesk.quality.QualityServiceApplication;
import com.servicedesk.quality.integration.CapaTriggers;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** Quality on real PostgreSQL, Kafka and Mongo-wire: CAPAs opened by foreign events, the PDCA over HTTP, overdue actions. */
@SpringBootTest(classes = QualityServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "servicedesk.deadlines.watch-interval=1s")
@Import(CapaIntegrationTest.Clocks.class)
class CapaIntegrationTest {
    static ForeignEvents others;

    @TestConfiguration
    static class Clocks {
        @Bean
        MutableClock mutableClock() {
            return new MutableClock();
        }
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry, "quality");
    }

    @BeforeAll
    static void producer() {
        others = new ForeignEvents(TestInfrastructure.get().kafka().bootstrapServers());
    }

    @AfterAll
    static void closeProducer() {
        others.close();
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    MutableClock clock;
    Http http;
    String quality;

    @BeforeEach
    void client() {
        http = new Http("http://127.0.0.1:" + port);
        quality = TestTokens.token("quinn", "QUALITY");
    }

    @Test
    void aRedeliveredVerificationOpensOneCapaAndANotResponsibleOneNone() throws Exception {
        String notOurs = UUID.randomUUID().toString();
        verified(notOurs, 3, false, ComplaintCategory.PRODUCT_QUALITY);
        String delivery = UUID.randomUUID().toString();
        verified(delivery, 3, true, ComplaintCategory.DELIVERY);
        String complaintId = UUID.randomUUID().toString();
        ProducerRecord<String, byte[]> verified = verified(complaintId, 3, true, ComplaintCategory.PRODUCT_QUALITY);
        others.send(verified);

        String capaId = CapaTriggers.capaId(CapaSource.COMPLAINT, complaintId);
        String capa = awaitBody("/api/v1/capas/" + capaId, b -> b.contains("\"status\":\"OPEN\""));
        assertThat(capa).contains("\"source\":\"COMPLAINT\"").contains("\"sourceId\":\"" + complaintId + "\"").contains("bearing worn");
        // the other two were sent first; on other partitions they may lag a little
        Thread.sleep(1500);
        assertThat(http.get("/api/v1/capas/" + CapaTriggers.capaId(CapaSource.COMPLAINT, notOurs), quality).statusCode()).isEqualTo(404);
        assertThat(http.get("/api/v1/capas/" + CapaTriggers.capaId(CapaSource.COMPLAINT, delivery), quality).statusCode()).isEqualTo(404);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?", Integer.class, capaId))
                .isEqualTo(1);
    }

    @Test
    void aReVerificationAsNotResponsibleIsRecordedAndTheCapaMayThenBeCancelled() throws Exception {
        String complaintId = UUID.randomUUID().toString();
        verified(complaintId, 3, true, ComplaintCategory.PRODUCT_QUALITY);
        String capaId = CapaTriggers.capaId(CapaSource.COMPLAINT, complaintId);
        awaitBody("/api/v1/capas/" + capaId, b -> b.contains("\"status\":\"OPEN\""));
        assertConflict(http.postJson("/api/v1/capas/" + capaId + "/cancellation", quality, "{\"reason\":\"busy\"}"), "source still stands");

        others.publish(Topics.COMPLAINT, "Complaint", complaintId, 5, new ComplaintVerificationChangedEvent(complaintId, "CUST-42",
                Instant.parse("2026-11-20T07:00:00Z"), false, ComplaintCategory.PRODUCT_QUALITY, "misuse", true,
                ComplaintCategory.PRODUCT_QUALITY), complaintId);
        awaitBody("/api/v1/capas/" + capaId, b -> b.contains("\"sourceRetracted\":true"));
        assertThat(http.postJson("/api/v1/capas/" + capaId + "/cancellation", quality, "{\"reason\":\"customer misuse\"}").statusCode())
                .isEqualTo(200);
        String cancelled = awaitBody("/api/v1/capas/" + capaId, b -> b.contains("\"status\":\"CANCELLED\""));
        assertThat(cancelled).contains("customer misuse").contains("\"problemStatement\"");
    }

    @Test
    void aProductDefectServiceReportOpensOneWithTheOrderAsSource() throws Exception {
        String orderId = UUID.randomUUID().toString();
        String complaintId = UUID.randomUUID().toString();
        ProducerRecord<String, byte[]> report = others.publish(Topics.SERVICE_ORDER, "ServiceOrder", orderId, 11,
                new ServiceReportSubmittedEvent(orderId, complaintId, "CUST-42", "HX-200", "SN-1", true, FaultCause.PRODUCT_DEFECT,
                        "bearing replaced", "batch 2026-02", Instant.now().plus(Duration.ofDays(1)), false), complaintId);
        others.send(report);
        String wear = UUID.randomUUID().toString();
        others.publish(Topics.SERVICE_ORDER, "ServiceOrder", wear, 11, new ServiceReportSubmittedEvent(wear, complaintId, "CUST-42",
                "HX-200", "SN-1", true, FaultCause.WEAR, "worn belt", null, Instant.now(), false), complaintId);

        String capaId = CapaTriggers.capaId(CapaSource.SERVICE_REPORT, orderId);
        String capa = awaitBody("/api/v1/capas/" + capaId, b -> b.contains("\"status\":\"OPEN\""));
        assertThat(capa).contains("\"source\":\"SERVICE_REPORT\"").contains("\"sourceId\":\"" + orderId + "\"")
                .contains("\"complaintId\":\"" + complaintId + "\"").contains("HX-200");
        Thread.sleep(1500);
        assertThat(http.get("/api/v1/capas/" + CapaTriggers.capaId(CapaSource.SERVICE_REPORT, wear), quality).statusCode()).isEqualTo(404);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?", Integer.class, capaId))
                .isEqualTo(1);
    }

    @Test
    void anInternalCapaThroughTwoCyclesWithAnOverdueActionRaisedByTheWatch() throws Exception {
        HttpResponse<String> created = http.send(http.request("/api/v1/capas", quality)
                .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"problemStatement\":\"scrap rate up on line 3\",\"source\":\"INTERNAL\"}"))
                .build());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = created.body().replaceAll(".*\"capaId\":\"([^\"]+)\".*", "$1");
        String path = "/api/v1/capas/" + id;
        HttpResponse<String> fromComplaint = http.postJson("/api/v1/capas", quality, "{\"problemStatement\":\"x\",\"source\":\"COMPLAINT\"}");
        assertThat(fromComplaint.statusCode()).isEqualTo(400);
        assertThat(fromComplaint.body()).contains("\"field\":\"source\"");
        assertThat(http.postJson(path + "/decision", TestTokens.token("ann", "AGENT"), "{\"actionNeeded\":true,\"rationale\":\"x\"}")
                .statusCode()).isEqualTo(403);

        ok(http.postJson(path + "/decision", quality, "{\"actionNeeded\":true,\"rationale\":\"costs 2% of output\"}"));
        assertConflict(http.postJson(path + "/actions", quality, action("tighten fixture", LocalDate.now(ZoneId.of("Asia/Shanghai")))),
                "root cause first");
        ok(http.postJson(path + "/containment", quality, "{\"actions\":\"100% inspection on line 3\"}"));
        ok(http.postJson(path + "/root-cause", quality,
                "{\"method\":\"FISHBONE\",\"rootCause\":\"fixture wear\",\"contributingFactors\":[\"no PM plan\"]}"));
        HttpResponse<String> planned = http.postJson(path + "/actions", quality,
                action("tighten fixture", LocalDate.now(ZoneId.of("Asia/Shanghai"))));
        assertThat(planned.statusCode()).as(planned.body()).isEqualTo(201);
        String actionId = planned.body().replaceAll(".*\"actionId\":\"([^\"]+)\".*", "$1");
        assertConflict(http.postJson(path + "/closure", quality, "{}"), "must be complete");

        // a day and a half later the action, due today, is overdue: the watch raises it by itself
        clock.advance(Duration.ofHours(36));
        awaitBody(path, b -> b.contains("\"overdueAt\":\""), Duration.ofSeconds(10));
        assertThat(http.get("/api/v1/capas/overdue-actions", quality).body()).contains(actionId);
        HttpResponse<String> audit = http.get("/api/v1/audit/capas/" + id + "/events", TestTokens.token("aude", "AUDITOR"));
        assertThat(audit.body()).contains("\"type\":\"CapaActionOverdue\"").contains("\"actor\":\"system:deadline-watch\"");

        ok(http.postJson(path + "/actions/" + actionId + "/completion", quality, "{\"evidence\":\"fixture reset, log FX-3\"}"));
        ok(http.postJson(path + "/effectiveness-check", quality, "{\"effective\":false,\"evidence\":\"scrap still 1.8%\"}"));
        awaitBody(path, b -> b.contains("\"cycle\":2"), Duration.ofSeconds(5));
        assertConflict(http.postJson(path + "/closure", quality, "{}"), "cycle 2");
        HttpResponse<String> second = http.postJson(path + "/actions", quality,
                action("replace fixture", LocalDate.now(ZoneId.of("Asia/Shanghai")).plusDays(30)));
        String secondId = second.body().replaceAll(".*\"actionId\":\"([^\"]+)\".*", "$1");
        ok(http.postJson(path + "/actions/" + secondId + "/completion", quality, "{\"evidence\":\"new fixture FX-4\"}"));
        ok(http.postJson(path + "/effectiveness-check", quality, "{\"effective\":true,\"evidence\":\"scrap 0.3% for 30 days\"}"));
        ok(http.postJson(path + "/standardization", quality, "{\"documents\":[\"PM-L3-01\"]}"));
        ok(http.postJson(path + "/closure", quality, "{}"));

        String closed = awaitBody(path, b -> b.contains("\"status\":\"CLOSED\""));
        assertThat(closed).contains("\"outcome\":\"EFFECTIVE\",\"cycles\":2").contains("\"method\":\"FISHBONE\"").contains("PM-L3-01");
        assertThat(http.get("/api/v1/capas?status=CLOSED&source=INTERNAL&owner=zhang", quality).body()).contains(id);
        assertThat(http.get("/api/v1/capas/statistics", TestTokens.token("ana", "ANALYST")).body()).contains("\"closedEffective\":");
    }

    private static String action(String description, LocalDate due) {
        return "{\"type\":\"CORRECTIVE\",\"description\":\"" + description + "\",\"owner\":\"zhang\",\"dueDate\":\"" + due + "\"}";
    }

    private static void ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static void assertConflict(HttpResponse<String> response, String says) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
        assertThat(response.body()).contains(says);
    }

    private static ProducerRecord<String, byte[]> verified(String complaintId, long sequence, boolean responsible,
                                                           ComplaintCategory category) throws Exception {
        return others.publish(Topics.COMPLAINT, "Complaint", complaintId, sequence, new ComplaintVerifiedEvent(complaintId, "CUST-42",
                Instant.parse("2026-11-20T07:00:00Z"), responsible, category, "bearing worn early"), complaintId);
    }

    private String awaitBody(String path, Predicate<String> ready) throws Exception {
        return awaitBody(path, ready, Duration.ofSeconds(10));
    }

    private String awaitBody(String path, Predicate<String> ready, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        HttpResponse<String> response;
        do {
            response = http.get(path, quality);
            if (response.statusCode() == 200 && ready.test(response.body())) {
                return response.body();
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        throw new AssertionError("not ready: " + path + " → " + response.statusCode() + " " + response.body());
    }
}

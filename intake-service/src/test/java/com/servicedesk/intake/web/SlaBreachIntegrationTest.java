package com.servicedesk.intake.web;

import com.servicedesk.embedded.TestInfrastructure;
import com.servicedesk.events.Topics;
import com.servicedesk.intake.IntakeServiceApplication;
import com.servicedesk.platform.testing.Http;
import com.servicedesk.platform.testing.TestTokens;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A complaint received 25 h ago and never acknowledged: the acknowledge clock shows BREACHED, and exactly one
 * SlaBreached reaches Kafka within 60 s although nobody touches the complaint; after the service restarts on the same
 * databases, still exactly one.
 */
class SlaBreachIntegrationTest {

    @Test
    void aBackdatedComplaintBreachesOnceAndStaysBreachedOnceAcrossARestart() throws Exception {
        Map<String, Object> properties = new HashMap<>(TestInfrastructure.get().springProperties("intake_sla"));
        properties.put("servicedesk.security.jwt-secret", TestTokens.SECRET);
        properties.put("servicedesk.deadlines.watch-interval", "1s");
        properties.put("server.port", "0");
        properties.put("servicedesk.projections.complaint.group", "sla-test-" + UUID.randomUUID());

        String id;
        try (ConfigurableApplicationContext service = start(properties)) {
            Http http = http(service);
            String body = ComplaintRegistrationIntegrationTest.BODY.replace("\"receivedAt\":\"2026-01-05T01:00:00Z\"",
                    "\"receivedAt\":\"" + Instant.now().minus(Duration.ofHours(25)) + "\"");
            HttpResponse<String> created = http.postJson("/api/v1/complaints", TestTokens.token("ann", "AGENT"), body);
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            id = created.body().replaceAll(".*\"complaintId\":\"([^\"]+)\".*", "$1");

            assertThat(breachesOnKafka(id, Duration.ofSeconds(60), 1)).as("SlaBreached within 60 s").isEqualTo(1);
            HttpResponse<String> read;
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            do {
                read = http.get("/api/v1/complaints/" + id, TestTokens.token("viv", "ANALYST"));
            } while (!read.body().contains("\"breachedAt\":\"") && System.nanoTime() < deadline);
            assertThat(read.body()).containsPattern("\"acknowledge\":\\{\"dueAt\":\"[^\"]+\",\"state\":\"BREACHED\"")
                    .containsPattern("\"breachedAt\":\"[^\"]+\"");
        }

        try (ConfigurableApplicationContext restarted = start(properties)) {
            // several sweeps of the restarted watch
            Thread.sleep(5_000);
            assertThat(breachesOnKafka(id, Duration.ofSeconds(3), Integer.MAX_VALUE)).isEqualTo(1);
            HttpResponse<String> audit = http(restarted).get("/api/v1/audit/complaints/" + id + "/events", TestTokens.token("audrey", "AUDITOR"));
            assertThat(audit.body().split("\"SlaBreached\"", -1)).hasSize(2);
            assertThat(audit.body()).contains("\"actor\":\"system:deadline-watch\"").doesNotContain("\"SlaAtRisk\"");
        }
    }

    private static ConfigurableApplicationContext start(Map<String, Object> properties) {
        // as command-line arguments: they must outrank application.yml, as they do in the local stack
        return new SpringApplicationBuilder(IntakeServiceApplication.class)
                .run(properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }

    private static Http http(ConfigurableApplicationContext context) {
        return new Http("http://127.0.0.1:" + ((WebServerApplicationContext) context).getWebServer().getPort());
    }

    /** SlaBreached records of this complaint on the topic, reading from the start until {@code enough} or the time is up. */
    private static int breachesOnKafka(String complaintId, Duration within, int enough) {
        int count = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.get().kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "breach-count-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.COMPLAINT));
            long deadline = System.nanoTime() + within.toNanos();
            while (count < enough && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    var type = record.headers().lastHeader("ce_type");
                    if (complaintId.equals(record.key()) && type != null
                            && "SlaBreached".equals(new String(type.value(), StandardCharsets.UTF_8))) {
                        count++;
                    }
                }
            }
        }
        return count;
    }
}

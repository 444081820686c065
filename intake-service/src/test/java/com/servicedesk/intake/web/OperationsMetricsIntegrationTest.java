package com.servicedesk.intake.web;

import com.servicedesk.intake.IntakeServiceApplication;
import com.servicedesk.intake.query.ComplaintProjection;
import com.servicedesk.platform.relay.KafkaEventRelay;
import com.servicedesk.platform.testing.Http;
import com.servicedesk.platform.testing.ServiceTestProperties;
import com.servicedesk.platform.testing.TestTokens;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalDouble;
import java.util.UUID;
import java.util.function.DoublePredicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /actuator/prometheus} on intake's own port, without a token, on real PostgreSQL, Kafka and Mongo-wire: the relay
 * lag grows while the relay is stopped and returns to 0 once it runs, a stopped projection's group shows its lag
 * until it catches up (and its events' lag is in the histogram the dashboard reads), and the open SLA clocks are counted
 * by kind and state.
 */
@SpringBootTest(classes = IntakeServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OperationsMetricsIntegrationTest {
    static final String PROJECTION_GROUP = "ops-complaints-" + UUID.randomUUID();
    static final Duration PATIENCE = Duration.ofSeconds(30);

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry, "intake");
        // groups of their own: other test contexts share the broker
        registry.add("servicedesk.projections.complaint.group", () -> PROJECTION_GROUP);
        registry.add("servicedesk.projections.complaint-capa-links.group", () -> "ops-capa-links-" + UUID.randomUUID());
        registry.add("servicedesk.integration.service-order.group", () -> "ops-service-orders-" + UUID.randomUUID());
        registry.add("servicedesk.audit.chain-heads.group", () -> "ops-chain-heads-" + UUID.randomUUID());
        registry.add("servicedesk.metrics.cache-for", () -> "200ms");
        registry.add("servicedesk.metrics.sla.refresh-interval", () -> "200ms");
    }

    @LocalServerPort
    int port;
    @Autowired
    EventProcessingConfiguration processing;
    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Test
    void relayLagProjectionLagAndOpenClocksAreScrapedWithoutAToken() {
        Http http = new Http("http://127.0.0.1:" + port);
        HttpResponse<String> scrape = http.get("/actuator/prometheus", null);
        assertThat(scrape.statusCode()).as(scrape.body()).isEqualTo(200);
        assertThat(http.get("/actuator/env", null).statusCode()).as("other actuator endpoints stay closed").isEqualTo(401);
        assertThat(value(scrape.body(), "servicedesk_relay_lag_events")).hasValue(0);
        assertThat(value(scrape.body(), "servicedesk_relay_lag_seconds")).hasValue(0);
        assertThat(value(scrape.body(), "servicedesk_projection_lag_records", "group=\"" + PROJECTION_GROUP + "\"")).hasValue(0);
        assertThat(scrape.body()).doesNotContain("servicedesk_sla_open{");

        EventProcessor relay = processing.eventProcessor(KafkaEventRelay.PROCESSING_GROUP).orElseThrow();
        relay.shutDown();
        register(http, Instant.now().minus(Duration.ofHours(40)));
        register(http, Instant.now());

        await(http, "servicedesk_relay_lag_events", v -> v >= 2);
        await(http, "servicedesk_relay_lag_seconds", v -> v >= 1);
        // 40 h ago: acknowledge (24 h) breached, reply (48 h) at risk from 36 h; just now: both on track
        await(http, "servicedesk_sla_open", v -> v == 1, "clock=\"ACKNOWLEDGE\"", "state=\"BREACHED\"");
        await(http, "servicedesk_sla_open", v -> v == 1, "clock=\"ACKNOWLEDGE\"", "state=\"ON_TRACK\"");
        await(http, "servicedesk_sla_open", v -> v == 0, "clock=\"ACKNOWLEDGE\"", "state=\"AT_RISK\"");
        await(http, "servicedesk_sla_open", v -> v == 1, "clock=\"REPLY\"", "state=\"AT_RISK\"");
        await(http, "servicedesk_sla_open", v -> v == 1, "clock=\"REPLY\"", "state=\"ON_TRACK\"");
        await(http, "servicedesk_sla_open", v -> v == 0, "clock=\"REPLY\"", "state=\"BREACHED\"");

        MessageListenerContainer projection = listeners.getListenerContainer(ComplaintProjection.NAME);
        projection.stop();
        relay.start();
        await(http, "servicedesk_relay_lag_events", v -> v == 0);
        await(http, "servicedesk_relay_lag_seconds", v -> v == 0);
        await(http, "servicedesk_projection_lag_records", v -> v >= 2, "group=\"" + PROJECTION_GROUP + "\"");

        projection.start();
        await(http, "servicedesk_projection_lag_records", v -> v == 0, "group=\"" + PROJECTION_GROUP + "\"");
        // the dashboard's event-lag p99 reads this histogram
        await(http, "servicedesk_projection_event_lag_seconds_count", v -> v >= 2, "consumer=\"" + ComplaintProjection.NAME + "\"");
        assertThat(http.get("/actuator/prometheus", null).body())
                .contains("servicedesk_projection_event_lag_seconds_bucket{consumer=\"" + ComplaintProjection.NAME + "\"");
    }

    private static void register(Http http, Instant receivedAt) {
        String body = ComplaintRegistrationIntegrationTest.BODY.replace("\"receivedAt\":\"2026-01-05T01:00:00Z\"",
                "\"receivedAt\":\"" + receivedAt + "\"");
        HttpResponse<String> created = http.postJson("/api/v1/complaints", TestTokens.token("ann", "AGENT"), body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    /** Scrapes until the sample named so, with these labels, satisfies {@code expected}. */
    private static void await(Http http, String name, DoublePredicate expected, String... labels) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        OptionalDouble last;
        do {
            last = value(http.get("/actuator/prometheus", null).body(), name, labels);
            if (last.isPresent() && expected.test(last.getAsDouble())) {
                return;
            }
            sleep();
        } while (System.nanoTime() < deadline);
        throw new AssertionError(name + " " + String.join(",", labels) + " is " + last + " after " + PATIENCE);
    }

    /** The value of the first sample named {@code name} whose labels include every one given, from the text format. */
    static OptionalDouble value(String scrape, String name, String... labels) {
        for (String line : scrape.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                String series = line.substring(0, line.lastIndexOf(' '));
                boolean matches = true;
                for (String label : labels) {
                    matches &= series.contains(label);
                }
                if (matches) {
                    return OptionalDouble.of(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
                }
            }
        }
        return OptionalDouble.empty();
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

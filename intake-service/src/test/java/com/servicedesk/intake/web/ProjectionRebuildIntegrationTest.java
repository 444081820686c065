package com.servicedesk.intake.web;

import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.servicedesk.intake.IntakeServiceApplication;
import com.servicedesk.intake.query.ComplaintProjection;
import com.servicedesk.platform.testing.Http;
import com.servicedesk.platform.testing.ServiceTestProperties;
import com.servicedesk.platform.testing.TestTokens;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rebuilding the {@code complaints} read model on real PostgreSQL, Kafka and Mongo-wire, while agents keep
 * registering complaints and recording returns (returns append to a list, so an event applied twice shows).
 * <ol>
 * <li>a live-built read model L of a first batch;</li>
 * <li>a rebuild under load, after which the load goes on and settles: R;</li>
 * <li>a second rebuild with nothing arriving: C.</li>
 * </ol>
 * Before the first rebuild the live listener is held back, so that it is behind the shadow at the swap.
 * R must equal C document for document (the swap under load lost and doubled nothing), the first batch in C must
 * equal L (a rebuild gives what live consumption gave), every accepted command must be in it exactly once, and
 * readers must get their complaint throughout.
 */
@SpringBootTest(classes = IntakeServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProjectionRebuildIntegrationTest {
    static final String AGENT = TestTokens.token("ann", "AGENT");
    static final String ADMIN = TestTokens.token("ada", "ADMIN");
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String PROJECTION = "/api/v1/admin/projections/" + ComplaintProjection.NAME;
    static final String BODY = """
            {"customerId":"CUST-%d","customerName":"Rebuild Works","contact":{"name":"Li","phone":"+86 571 0000"},
             "channel":"WEB","productModel":"R-1","category":"PRODUCT_QUALITY","severity":"HIGH","region":"OUT_OF_PROVINCE",
             "description":"rebuild story %d"}""";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry, "intake-rebuild");
        // a group of its own: other test contexts on the same broker would otherwise share the topic's partitions
        registry.add("servicedesk.projections.complaint.group", () -> "rebuild-test-" + UUID.randomUUID());
    }

    @LocalServerPort
    int port;
    @Autowired
    MongoDatabase readModelDatabase;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    KafkaListenerEndpointRegistry listeners;
    Http http;
    final Map<String, AtomicInteger> returnsAccepted = new ConcurrentHashMap<>();
    final Random random = new Random(20261121);

    @BeforeEach
    void client() {
        http = new Http("http://127.0.0.1:" + port);
    }

    @Test
    void aRebuildUnderLoadEqualsTheLiveModelAndACleanRebuild() throws Exception {
        List<String> firstBatch = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String id = register(i);
            firstBatch.add(id);
            for (int r = 0; r < 1 + i % 3; r++) {
                recordReturn(id);
            }
        }
        Map<String, Document> live = settledSnapshot();
        assertThat(live).hasSize(30);

        // the load: new complaints, and returns on them, until told to stop
        List<String> secondBatch = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger failures = new AtomicInteger();
        Thread load = new Thread(() -> {
            int n = 1000;
            while (!stop.get()) {
                String id = register(n++);
                secondBatch.add(id);
                synchronized (random) {
                    recordReturn(secondBatch.get(random.nextInt(secondBatch.size())));
                }
            }
        }, "agents");
        load.setUncaughtExceptionHandler((t, e) -> failures.incrementAndGet());
        load.start();
        Thread.sleep(500);
        // the live listener falls behind: at the swap it has not yet read what the shadow applied, and must skip it
        listeners.getListenerContainer(ComplaintProjection.NAME).pause();
        Thread.sleep(500);

        HttpResponse<String> started = http.postJson(PROJECTION + "/rebuild", ADMIN, "{}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String jobId = JSON.readTree(started.body()).get("jobId").asText();
        assertThat(http.postJson(PROJECTION + "/rebuild", AGENT, "{}").statusCode()).isEqualTo(403);
        int readsDuringRebuild = 0;
        JsonNode rebuild;
        long deadline = System.nanoTime() + 120_000_000_000L;
        do {
            // the old collection keeps serving while the shadow is built
            assertThat(http.get("/api/v1/complaints/" + firstBatch.get(readsDuringRebuild % 30), AGENT).statusCode()).isEqualTo(200);
            readsDuringRebuild++;
            rebuild = JSON.readTree(http.get(PROJECTION, ADMIN).body()).get("rebuild");
            assertThat(rebuild.get("jobId").asText()).isEqualTo(jobId);
            assertThat(rebuild.get("phase").asText()).isNotEqualTo("FAILED");
            Thread.sleep(50);
        } while (!rebuild.get("phase").asText().equals("DONE") && System.nanoTime() < deadline);
        assertThat(rebuild.get("phase").asText()).as(rebuild.toString()).isEqualTo("DONE");
        assertThat(rebuild.get("eventsDone").asLong()).isGreaterThanOrEqualTo(30 + 60);
        Thread.sleep(1000); // commands keep arriving after the swap
        stop.set(true);
        load.join();
        assertThat(failures.get()).isZero();

        Map<String, Document> rebuiltUnderLoad = settledSnapshot();
        assertThat(rebuiltUnderLoad).hasSize(30 + secondBatch.size());
        assertThat(secondBatch).hasSizeGreaterThan(5);

        assertThat(http.postJson(PROJECTION + "/rebuild", ADMIN, "{}").statusCode()).isEqualTo(202);
        awaitRebuildDone();
        Map<String, Document> clean = settledSnapshot();

        assertThat(rebuiltUnderLoad).isEqualTo(clean);
        for (String id : firstBatch) {
            assertThat(clean.get(id)).as(id).isEqualTo(live.get(id));
        }
        for (Map.Entry<String, Document> complaint : clean.entrySet()) {
            int accepted = returnsAccepted.getOrDefault(complaint.getKey(), new AtomicInteger()).get();
            assertThat(complaint.getValue().getList("returns", Document.class)).as(complaint.getKey()).hasSize(accepted);
        }
        JsonNode listed = JSON.readTree(http.get("/api/v1/admin/projections", ADMIN).body());
        assertThat(listed.get("service").asText()).isEqualTo("intake-service");
        assertThat(listed.get("projections").findValuesAsString("name")).contains(ComplaintProjection.NAME);
        assertThat(readModelDatabase.listCollectionNames().into(new ArrayList<>())).noneMatch(name -> name.startsWith("rebuild_"));
        assertThat(http.postJson("/api/v1/admin/projections/no-such-projection/rebuild", ADMIN, "{}").statusCode()).isEqualTo(404);
    }

    private void awaitRebuildDone() throws InterruptedException {
        long deadline = System.nanoTime() + 120_000_000_000L;
        String phase;
        do {
            Thread.sleep(100);
            phase = JSON.readTree(http.get(PROJECTION, ADMIN).body()).get("rebuild").get("phase").asText();
        } while (!phase.equals("DONE") && !phase.equals("FAILED") && System.nanoTime() < deadline);
        assertThat(phase).isEqualTo("DONE");
    }

    /** The read model once it reflects every stored event: each complaint at its last sequence, lag 0. */
    private Map<String, Document> settledSnapshot() throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            Map<String, Long> stored = new LinkedHashMap<>();
            jdbc.query("SELECT aggregateidentifier, max(sequencenumber) AS seq FROM domainevententry WHERE type = 'Complaint' "
                    + "GROUP BY aggregateidentifier", rs -> {
                stored.put(rs.getString(1), rs.getLong(2));
            });
            // the topic is shared with the other test classes, whose complaints this model holds too: only this
            // store's complaints are compared
            Map<String, Document> documents = new LinkedHashMap<>();
            readModelDatabase.getCollection(ComplaintProjection.COLLECTION).find(Filters.in("_id", stored.keySet()))
                    .sort(Sorts.ascending("_id")).forEach(document -> documents.put(document.getString("_id"), document));
            boolean caughtUp = documents.size() == stored.size() && stored.entrySet().stream()
                    .allMatch(e -> documents.containsKey(e.getKey()) && e.getValue().equals(documents.get(e.getKey()).getLong("version")));
            if (caughtUp && JSON.readTree(http.get(PROJECTION, ADMIN).body()).get("lag").asLong() == 0) {
                return documents;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the complaints read model did not catch up with the event store");
    }

    private String register(int n) {
        HttpResponse<String> response = http.postJson("/api/v1/complaints", AGENT, BODY.formatted(n, n));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JSON.readTree(response.body()).get("complaintId").asText();
    }

    private void recordReturn(String id) {
        HttpResponse<String> response = http.postJson("/api/v1/complaints/" + id + "/returns", AGENT, "{\"quantity\":1,\"reason\":\"dented\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        returnsAccepted.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
    }
}

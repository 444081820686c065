package com.servicedesk.intake.web;

import com.servicedesk.intake.IntakeServiceApplication;
import com.servicedesk.platform.audit.ChainHeadPublisher;
import com.servicedesk.platform.audit.IntegritySweep;
import io.micrometer.core.instrument.MeterRegistry;
import com.servicedesk.platform.testing.Http;
import com.servicedesk.platform.testing.ServiceTestProperties;
import com.servicedesk.platform.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.http.HttpResponse;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tamper evidence on real PostgreSQL: each complaint gets four events through the API, then one stored event is
 * changed directly in the database, in every way an intruder with SQL could (with a fixed seed picking which), and
 * the integrity answer must name exactly the first broken sequence. Rewriting events and links together, or deleting
 * the newest event with its link, is caught by the published chain heads. The store refuses such changes in the first
 * place (append-only triggers); the intruder of these tests is a superuser who switches that guard off first.
 */
@SpringBootTest(classes = IntakeServiceApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class TamperEvidenceIntegrationTest {
    static final String AGENT = TestTokens.token("ann", "AGENT");
    static final String AUDITOR = TestTokens.token("audrey", "AUDITOR");
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String BODY = """
            {"customerId":"CUST-9","customerName":"Ningbo Valves","contact":{"name":"Zhou","email":"zhou@example.com"},
             "channel":"PHONE","productModel":"V-1","category":"DELIVERY","severity":"LOW","region":"IN_PROVINCE",
             "description":"late delivery"}""";

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry, "intake-tamper");
        // rounds are run by the tests themselves, so that which heads were published is known
        registry.add("servicedesk.audit.chain-heads.interval", () -> "1h");
        // other test contexts on the same broker read the heads topic too: a group of its own gets every head
        registry.add("servicedesk.audit.chain-heads.group", () -> "tamper-test-" + UUID.randomUUID());
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    ChainHeadPublisher chainHeads;
    @Autowired
    IntegritySweep sweep;
    @Autowired
    MeterRegistry meters;
    Http http;

    @BeforeEach
    void client() {
        http = new Http("http://127.0.0.1:" + port);
    }

    /** every append-only guard of db/audit-schema.sql: table, trigger */
    static final List<List<String>> GUARDS = List.of(List.of("domainevententry", "servicedesk_append_only"),
            List.of("domainevententry", "servicedesk_append_only_truncate"), List.of("event_hash", "servicedesk_links_append_only"),
            List.of("event_hash", "servicedesk_links_unchanged"), List.of("event_hash", "servicedesk_links_append_only_truncate"));

    @AfterEach
    void guardBackOn() {
        switchGuards("ENABLE");
    }

    private void intruderSwitchesTheGuardOff() {
        switchGuards("DISABLE");
    }

    private void switchGuards(String enableOrDisable) {
        GUARDS.forEach(guard -> jdbc.execute("ALTER TABLE " + guard.get(0) + " " + enableOrDisable + " TRIGGER " + guard.get(1)));
    }

    /**
     * Retention: stored events and their links cannot be changed, deleted or truncated through SQL, not even by the
     * service's own database user; appending and marking heads published still work.
     */
    @Test
    void theStoreRefusesToChangeOrDeleteAnyStoredEvent() {
        String id = complaintWithFourEvents();
        List<String> refused = List.of(
                "UPDATE domainevententry SET payload = payload || ' '::bytea WHERE aggregateidentifier = '" + id + "'",
                "UPDATE domainevententry SET sequencenumber = 9 WHERE aggregateidentifier = '" + id + "' AND sequencenumber = 3",
                "DELETE FROM domainevententry WHERE aggregateidentifier = '" + id + "' AND sequencenumber = 3",
                "TRUNCATE domainevententry",
                "UPDATE event_hash SET hash = sha256(hash) WHERE aggregateidentifier = '" + id + "'",
                "DELETE FROM event_hash WHERE aggregateidentifier = '" + id + "'",
                "TRUNCATE event_hash");
        for (String change : refused) {
            assertThatThrownBy(() -> jdbc.execute(change)).as(change).isInstanceOf(DataIntegrityViolationException.class)
                    .rootCause().hasMessageContaining("the event store is append-only");
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM domainevententry WHERE aggregateidentifier = ?", Long.class, id)).isEqualTo(4);
        publishAndAwaitHeadAt(id, 3);
        JsonNode integrity = integrity(id);
        assertThat(integrity.get("valid").asBoolean()).as(integrity.toString()).isTrue();
        assertThat(integrity.get("events").asLong()).isEqualTo(4);
        // and the stream goes on
        assertThat(http.postJson("/api/v1/complaints/" + id + "/closure", AGENT,
                "{\"resolutionSummary\":\"apologised, next truck on time\"}").statusCode()).isEqualTo(200);
        assertThat(integrity(id).get("events").asLong()).isEqualTo(5);
    }

    /** Registered, acknowledged, verified, replied: sequences 0 to 3. */
    private String complaintWithFourEvents() {
        String id = http.postJson("/api/v1/complaints", AGENT, BODY).body().replaceAll(".*\"complaintId\":\"([^\"]+)\".*", "$1");
        assertThat(http.postJson("/api/v1/complaints/" + id + "/acknowledgement", AGENT, "{}").statusCode()).isEqualTo(200);
        assertThat(http.postJson("/api/v1/complaints/" + id + "/verification", TestTokens.token("quinn", "QUALITY"),
                "{\"companyResponsible\":true,\"confirmedCategory\":\"DELIVERY\",\"findings\":\"truck late\"}").statusCode()).isEqualTo(200);
        assertThat(http.postJson("/api/v1/complaints/" + id + "/reply", AGENT, "{\"method\":\"PHONE\",\"message\":\"sorry\"}").statusCode()).isEqualTo(200);
        return id;
    }

    private JsonNode integrity(String id) {
        HttpResponse<String> response = http.get("/api/v1/audit/complaints/" + id + "/integrity", AUDITOR);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    @Test
    void anUntouchedStreamIsValidAndEveryEventShowsItsLink() {
        String id = complaintWithFourEvents();
        JsonNode integrity = integrity(id);
        assertThat(integrity.get("valid").asBoolean()).isTrue();
        assertThat(integrity.get("events").asLong()).isEqualTo(4);
        assertThat(integrity.get("firstBrokenSequence").isNull()).isTrue();
        JsonNode events = JSON.readTree(http.get("/api/v1/audit/complaints/" + id + "/events", AUDITOR).body());
        assertThat(events.get(3).get("hash").asText()).isEqualTo(integrity.get("head").asText()).hasSize(64);
        assertThat(http.get("/api/v1/audit/complaints/" + id + "/integrity", AGENT).statusCode()).isEqualTo(403);
        assertThat(http.get("/api/v1/audit/complaints/nope/integrity", AUDITOR).statusCode()).isEqualTo(404);
    }

    @Test
    void theJsonLinesExportIsTheSameTrailOneEventPerLine() {
        String id = complaintWithFourEvents();
        JsonNode events = JSON.readTree(http.get("/api/v1/audit/complaints/" + id + "/events", AUDITOR).body());
        HttpResponse<String> export = http.get("/api/v1/audit/complaints/" + id + "/events?format=jsonl", AUDITOR);
        assertThat(export.statusCode()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/x-ndjson"));
        assertThat(export.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d).contains(id + "-events.jsonl"));
        String[] lines = export.body().split("\n");
        assertThat(lines).hasSize(4);
        for (int i = 0; i < lines.length; i++) {
            JsonNode line = JSON.readTree(lines[i]);
            for (String field : List.of("sequence", "eventId", "type", "actor", "correlationId", "hash")) {
                assertThat(line.get(field)).as(field + " of line " + i).isEqualTo(events.get(i).get(field));
            }
            assertThat(line.get("payload")).isEqualTo(events.get(i).get("payload"));
        }
        HttpResponse<String> unknown = http.get("/api/v1/audit/complaints/" + id + "/events?format=xml", AUDITOR);
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("\"format\"");
        assertThat(http.get("/api/v1/audit/complaints/nope/events?format=jsonl", AUDITOR).statusCode()).isEqualTo(404);
        assertThat(http.get("/api/v1/audit/complaints/" + id + "/events?format=jsonl", AGENT).statusCode()).isEqualTo(403);
    }

    /**
     * An intruder who rewrites an event and then every link after it leaves a chain that is whole by itself; the
     * head published before the rewrite no longer lies on it.
     */
    @Test
    void aStreamRewrittenTogetherWithItsLinksIsFoundByThePublishedHead() {
        String id = complaintWithFourEvents();
        publishAndAwaitHeadAt(id, 3);
        intruderSwitchesTheGuardOff();
        jdbc.update("UPDATE domainevententry SET payload = payload || ' '::bytea WHERE aggregateidentifier = ? AND sequencenumber = 1", id);
        for (long sequence = 1; sequence <= 3; sequence++) {
            jdbc.update("UPDATE event_hash h SET hash = servicedesk_event_link(e) FROM domainevententry e WHERE "
                    + "e.aggregateidentifier = h.aggregateidentifier AND e.sequencenumber = h.sequencenumber "
                    + "AND h.aggregateidentifier = ? AND h.sequencenumber = ?", id, sequence);
        }
        JsonNode integrity = integrity(id);
        assertThat(integrity.get("valid").asBoolean()).as(integrity.toString()).isFalse();
        // the only published head is at 3: the rewrite began at one of 0..3, the first of them is named
        assertThat(integrity.get("firstBrokenSequence").asLong()).isZero();
    }

    /** Deleting the newest event with its link leaves a shorter, whole chain: the published head names the gap. */
    @Test
    void aDeletedLastEventWithItsLinkIsFoundByThePublishedHead() {
        String id = complaintWithFourEvents();
        publishAndAwaitHeadAt(id, 3);
        intruderSwitchesTheGuardOff();
        jdbc.update("DELETE FROM domainevententry WHERE aggregateidentifier = ? AND sequencenumber = 3", id);
        jdbc.update("DELETE FROM event_hash WHERE aggregateidentifier = ? AND sequencenumber = 3", id);
        JsonNode integrity = integrity(id);
        assertThat(integrity.get("valid").asBoolean()).as(integrity.toString()).isFalse();
        assertThat(integrity.get("firstBrokenSequence").asLong()).isEqualTo(3);
        assertThat(integrity.get("events").asLong()).isEqualTo(3);
    }

    /**
     * The periodic sweep finds broken chains without anyone asking for them: a changed event at its sequence, and an
     * aggregate whose events and links were all deleted, known from its published head, at 0.
     */
    @Test
    void theSweepFindsEveryBrokenChainWithoutBeingAsked() {
        String untouched = complaintWithFourEvents();
        String changed = complaintWithFourEvents();
        String deletedWhole = complaintWithFourEvents();
        publishAndAwaitHeadAt(deletedWhole, 3);
        intruderSwitchesTheGuardOff();
        jdbc.update("UPDATE domainevententry SET payload = payload || ' '::bytea WHERE aggregateidentifier = ? AND sequencenumber = 2", changed);
        jdbc.update("DELETE FROM domainevententry WHERE aggregateidentifier = ?", deletedWhole);
        jdbc.update("DELETE FROM event_hash WHERE aggregateidentifier = ?", deletedWhole);

        IntegritySweep.Result result = sweep.sweep();
        // the other tests of this class leave tampered streams behind: only these three are looked at
        assertThat(result.broken()).extracting(chain -> chain.aggregateId() + "@" + chain.firstBrokenSequence())
                .contains(changed + "@2", deletedWhole + "@0").noneMatch(found -> found.startsWith(untouched));
        assertThat(result.checked()).isGreaterThanOrEqualTo(3);
        assertThat(meters.get("servicedesk.audit.chains.broken").gauge().value()).isEqualTo(result.broken().size());
        assertThat(meters.get("servicedesk.audit.chains.checked").gauge().value()).isEqualTo(result.checked());
        // asked directly, the aggregate deleted whole is no longer an unknown id but a broken chain
        JsonNode integrity = integrity(deletedWhole);
        assertThat(integrity.get("valid").asBoolean()).isFalse();
        assertThat(integrity.get("firstBrokenSequence").asLong()).isZero();
        assertThat(integrity.get("events").asLong()).isZero();
    }

    /** One publication round, then wait until the head came back from the topic into the service's copy. */
    private void publishAndAwaitHeadAt(String id, long sequence) {
        chainHeads.publishRound();
        long deadline = System.nanoTime() + 15_000_000_000L;
        JsonNode integrity = integrity(id);
        while (integrity.get("newestPublishedHead").isNull() && System.nanoTime() < deadline) {
            sleep();
            integrity = integrity(id);
        }
        assertThat(integrity.get("valid").asBoolean()).as(integrity.toString()).isTrue();
        assertThat(integrity.get("publishedHeads").asInt()).isEqualTo(1);
        JsonNode head = integrity.get("newestPublishedHead");
        assertThat(head.get("sequence").asLong()).isEqualTo(sequence);
        assertThat(head.get("head").asText()).isEqualTo(integrity.get("head").asText());
        assertThat(head.get("service").asText()).isEqualTo("intake-service");
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void everySingleEventChangeMadeInTheDatabaseIsFoundAtItsSequence() {
        Random random = new Random(20261121);
        List<String> missed = new ArrayList<>();
        int cases = 0;
        intruderSwitchesTheGuardOff();
        for (int round = 0; round < 3; round++) {
            for (Tampering tampering : Tampering.values()) {
                String id = complaintWithFourEvents();
                long sequence = tampering.pick(random);
                tampering.apply(jdbc, id, sequence);
                JsonNode integrity = integrity(id);
                cases++;
                if (integrity.get("valid").asBoolean() || integrity.get("firstBrokenSequence").asLong() != sequence) {
                    missed.add(tampering + " at " + sequence + ": " + integrity);
                }
            }
        }
        assertThat(missed).as("of " + cases + " tamperings").isEmpty();
    }

    /** One change an intruder with SQL access could make to one stored event of a four-event stream. */
    enum Tampering {
        PAYLOAD_CHANGED("UPDATE domainevententry SET payload = payload || ' '::bytea"),
        METADATA_CHANGED("UPDATE domainevententry SET metadata = convert_to(regexp_replace(convert_from(metadata, 'UTF8'), "
                + "'\"actor\":\"[^\"]*\"', '\"actor\":\"mallory\"'), 'UTF8')"),
        TIME_CHANGED("UPDATE domainevententry SET timestamp = '2020-01-01T00:00:00Z'"),
        TYPE_CHANGED("UPDATE domainevententry SET payloadtype = payloadtype || 'X'"),
        EVENT_DELETED("DELETE FROM domainevententry"),
        EVENT_AND_LINK_DELETED(null) {
            @Override
            long pick(Random random) {
                return random.nextInt(3); // the last one with its link is only found by the published chain head
            }

            @Override
            void apply(JdbcTemplate jdbc, String id, long sequence) {
                jdbc.update("DELETE FROM domainevententry WHERE aggregateidentifier = ? AND sequencenumber = ?", id, sequence);
                jdbc.update("DELETE FROM event_hash WHERE aggregateidentifier = ? AND sequencenumber = ?", id, sequence);
            }
        },
        SWAPPED_WITH_NEXT(null) {
            @Override
            long pick(Random random) {
                return random.nextInt(3);
            }

            @Override
            void apply(JdbcTemplate jdbc, String id, long sequence) {
                jdbc.update("UPDATE domainevententry SET sequencenumber = -1 WHERE aggregateidentifier = ? AND sequencenumber = ?", id, sequence);
                jdbc.update("UPDATE domainevententry SET sequencenumber = ? WHERE aggregateidentifier = ? AND sequencenumber = ?", sequence, id, sequence + 1);
                jdbc.update("UPDATE domainevententry SET sequencenumber = ? WHERE aggregateidentifier = ? AND sequencenumber = -1", sequence + 1, id);
            }
        },
        INSERTED_BEHIND_THE_TRIGGERS(null) {
            @Override
            long pick(Random random) {
                return 4;
            }

            @Override
            void apply(JdbcTemplate jdbc, String id, long sequence) {
                jdbc.execute((ConnectionCallback<Void>) connection -> {
                    try (Statement statement = connection.createStatement()) {
                        // a superuser can switch triggers off for the session: the event lands without a link
                        statement.execute("SET session_replication_role = replica");
                        statement.execute("INSERT INTO domainevententry (eventidentifier, aggregateidentifier, sequencenumber, type, "
                                + "timestamp, payloadtype, payloadrevision, payload, metadata) SELECT 'forged-' || eventidentifier, "
                                + "aggregateidentifier, 4, type, timestamp, payloadtype, payloadrevision, payload, metadata "
                                + "FROM domainevententry WHERE aggregateidentifier = '" + id + "' AND sequencenumber = 3");
                        statement.execute("SET session_replication_role = DEFAULT");
                    }
                    return null;
                });
            }
        };

        private final String change;

        Tampering(String change) {
            this.change = change;
        }

        long pick(Random random) {
            return random.nextInt(4);
        }

        void apply(JdbcTemplate jdbc, String id, long sequence) {
            jdbc.update(change + " WHERE aggregateidentifier = ? AND sequencenumber = ?", id, sequence);
        }
    }
}

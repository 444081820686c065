package com.servicedesk.intake.web;

import com.servicedesk.intake.IntakeServiceApplication;
import com.servicedesk.platform.testing.Http;
import com.servicedesk.platform.testing.ServiceTestProperties;
import com.servicedesk.platform.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tamper evidence on real PostgreSQL: each complaint gets four events through the API, then one stored event is
 * changed directly in the database, in every way an intruder with SQL could (with a fixed seed picking which), and
 * the integrity answer must name exactly the first broken sequence. Rewriting events and links together is caught by
 * the published chain heads, not by this per-stream check.
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
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    Http http;

    @BeforeEach
    void client() {
        http = new Http("http://127.0.0.1:" + port);
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
    void everySingleEventChangeMadeInTheDatabaseIsFoundAtItsSequence() {
        Random random = new Random(20261121);
        List<String> missed = new ArrayList<>();
        int cases = 0;
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

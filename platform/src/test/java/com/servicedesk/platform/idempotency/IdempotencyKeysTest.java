package com.servicedesk.platform.idempotency;

import com.servicedesk.embedded.TestInfrastructure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import static com.servicedesk.platform.idempotency.IdempotencyKeys.Outcome.ACQUIRED;
import static com.servicedesk.platform.idempotency.IdempotencyKeys.Outcome.IN_PROGRESS;
import static com.servicedesk.platform.idempotency.IdempotencyKeys.Outcome.MISMATCH;
import static com.servicedesk.platform.idempotency.IdempotencyKeys.Outcome.REPLAY;
import static org.assertj.core.api.Assertions.assertThat;

/** The key store on a real PostgreSQL: claim, replay, mismatch, release, expiry and abandoned claims. */
class IdempotencyKeysTest {
    static final Instant NOW = Instant.parse("2026-11-20T07:00:00Z");
    static final String HASH = IdempotencyKeys.sha256("{\"item\":\"pump\"}".getBytes(StandardCharsets.UTF_8));
    static final String OTHER_HASH = IdempotencyKeys.sha256("{\"item\":\"valve\"}".getBytes(StandardCharsets.UTF_8));
    static final IdempotencyKeys.StoredResponse CREATED = new IdempotencyKeys.StoredResponse(201, "application/json",
            "/api/v1/test-orders/o-1", "{\"orderId\":\"o-1\"}".getBytes(StandardCharsets.UTF_8));
    static JdbcTemplate jdbc;

    @BeforeAll
    static void database() {
        String database = "idempotency_keys_test";
        TestInfrastructure.get().postgres().createDatabaseIfMissing(database);
        DriverManagerDataSource dataSource = new DriverManagerDataSource(TestInfrastructure.get().postgres().jdbcUrl(database), "postgres", "");
        new ResourceDatabasePopulator(new ClassPathResource(IdempotencyKeys.SCHEMA)).execute(dataSource);
        jdbc = new JdbcTemplate(dataSource);
    }

    static IdempotencyKeys at(Instant now) {
        return new IdempotencyKeys(jdbc, Duration.ofHours(24), Duration.ofMinutes(5), Clock.fixed(now, ZoneOffset.UTC));
    }

    static IdempotencyKeys.Key key(String principal) {
        return new IdempotencyKeys.Key("POST /api/v1/test-orders", principal, UUID.randomUUID().toString());
    }

    @Test
    void theFirstClaimRunsARepeatWaitsAndAfterSuccessReplaysTheStoredResponse() {
        IdempotencyKeys keys = at(NOW);
        IdempotencyKeys.Key key = key("ann");

        assertThat(keys.claim(key, HASH).outcome()).isEqualTo(ACQUIRED);
        assertThat(keys.claim(key, HASH).outcome()).isEqualTo(IN_PROGRESS);

        keys.complete(key, CREATED);
        IdempotencyKeys.Claim replay = keys.claim(key, HASH);
        assertThat(replay.outcome()).isEqualTo(REPLAY);
        assertThat(replay.response().status()).isEqualTo(201);
        assertThat(replay.response().contentType()).isEqualTo("application/json");
        assertThat(replay.response().location()).isEqualTo("/api/v1/test-orders/o-1");
        assertThat(new String(replay.response().body(), StandardCharsets.UTF_8)).isEqualTo("{\"orderId\":\"o-1\"}");
    }

    @Test
    void anotherBodyWithTheSameKeyIsAMismatchWhetherRunningOrDone() {
        IdempotencyKeys keys = at(NOW);
        IdempotencyKeys.Key key = key("ann");
        keys.claim(key, HASH);
        assertThat(keys.claim(key, OTHER_HASH).outcome()).isEqualTo(MISMATCH);
        keys.complete(key, CREATED);
        assertThat(keys.claim(key, OTHER_HASH).outcome()).isEqualTo(MISMATCH);
    }

    @Test
    void aReleasedKeyCanBeClaimedAgainEvenWithAnotherBody() {
        IdempotencyKeys keys = at(NOW);
        IdempotencyKeys.Key key = key("ann");
        keys.claim(key, HASH);
        keys.release(key);
        assertThat(keys.claim(key, OTHER_HASH).outcome()).isEqualTo(ACQUIRED);
    }

    @Test
    void releasingNeverForgetsAStoredResponse() {
        IdempotencyKeys keys = at(NOW);
        IdempotencyKeys.Key key = key("ann");
        keys.claim(key, HASH);
        keys.complete(key, CREATED);
        keys.release(key);
        assertThat(keys.claim(key, HASH).outcome()).isEqualTo(REPLAY);
    }

    @Test
    void keysAreScopedByUserAndEndpoint() {
        IdempotencyKeys keys = at(NOW);
        IdempotencyKeys.Key ann = key("ann");
        keys.claim(ann, HASH);
        keys.complete(ann, CREATED);

        assertThat(keys.claim(new IdempotencyKeys.Key(ann.scope(), "bob", ann.key()), OTHER_HASH).outcome()).isEqualTo(ACQUIRED);
        assertThat(keys.claim(new IdempotencyKeys.Key("POST /api/v1/other", "ann", ann.key()), OTHER_HASH).outcome()).isEqualTo(ACQUIRED);
    }

    @Test
    void aKeyIsForgottenAfterTheRetention() {
        IdempotencyKeys.Key key = key("ann");
        at(NOW).claim(key, HASH);
        at(NOW).complete(key, CREATED);

        assertThat(at(NOW.plus(Duration.ofHours(23))).claim(key, OTHER_HASH).outcome()).isEqualTo(MISMATCH);
        assertThat(at(NOW.plus(Duration.ofHours(25))).claim(key, OTHER_HASH).outcome()).isEqualTo(ACQUIRED);
    }

    @Test
    void aClaimWhoseRequestNeverFinishedIsGivenUpAfterTheClaimTimeout() {
        IdempotencyKeys.Key key = key("ann");
        at(NOW).claim(key, HASH);

        assertThat(at(NOW.plus(Duration.ofMinutes(4))).claim(key, HASH).outcome()).isEqualTo(IN_PROGRESS);
        assertThat(at(NOW.plus(Duration.ofMinutes(6))).claim(key, HASH).outcome()).isEqualTo(ACQUIRED);
    }

    @Test
    void theFingerprintIsSha256InHex() {
        assertThat(IdempotencyKeys.sha256(new byte[0])).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(HASH).isNotEqualTo(OTHER_HASH).hasSize(64);
    }
}

package com.servicedesk.platform.idempotency;

import org.springframework.jdbc.core.JdbcTemplate;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * Idempotency keys in the service's own PostgreSQL ({@code idempotency_key}). The first request with a key claims it
 * by inserting its row, so of two concurrent duplicates exactly one runs: the primary key lets only one insert win.
 * The winner stores its response when it succeeded, or releases the key when it did not.
 * <p>
 * A claim older than {@code claimTimeout} is taken to be abandoned (its instance died mid-request) and may be claimed
 * again; keys older than {@code retention} are forgotten.
 */
public class IdempotencyKeys {
    public static final String SCHEMA = "db/idempotency-schema.sql";
    /** A claim may have to look twice: the row it lost to can be released between its insert and its read. */
    private static final int CLAIM_ATTEMPTS = 3;

    public enum Outcome {
        /** The caller holds the key and must {@link #complete} or {@link #release} it. */
        ACQUIRED,
        /** An earlier request with the same key and body succeeded: answer with its response. */
        REPLAY,
        /** The key was used with another body. */
        MISMATCH,
        /** An earlier request with the same key is still running. */
        IN_PROGRESS
    }

    /** A key as the client sent it, scoped by endpoint ({@code POST /api/v1/surveys}) and authenticated user. */
    public record Key(String scope, String principal, String key) {
    }

    public record StoredResponse(int status, String contentType, String location, byte[] body) {
    }

    /** @param response the stored response when {@code outcome} is {@link Outcome#REPLAY}, else null */
    public record Claim(Outcome outcome, StoredResponse response) {
    }

    private record Row(String requestHash, StoredResponse response) {
    }

    private final JdbcTemplate jdbc;
    private final Duration retention;
    private final Duration claimTimeout;
    private final Clock clock;

    public IdempotencyKeys(JdbcTemplate jdbc, Duration retention, Duration claimTimeout, Clock clock) {
        this.jdbc = jdbc;
        this.retention = retention;
        this.claimTimeout = claimTimeout;
        this.clock = clock;
    }

    public Claim claim(Key key, String requestHash) {
        Instant now = clock.instant();
        jdbc.update("DELETE FROM idempotency_key WHERE created_at < ? OR (scope = ? AND principal = ? AND idempotency_key = ? "
                        + "AND response_status IS NULL AND created_at < ?)",
                Timestamp.from(now.minus(retention)), key.scope(), key.principal(), key.key(), Timestamp.from(now.minus(claimTimeout)));
        for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
            int inserted = jdbc.update("INSERT INTO idempotency_key (scope, principal, idempotency_key, request_hash, created_at) "
                            + "VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    key.scope(), key.principal(), key.key(), requestHash, Timestamp.from(now));
            if (inserted == 1) {
                return new Claim(Outcome.ACQUIRED, null);
            }
            List<Row> rows = jdbc.query("SELECT request_hash, response_status, content_type, location, response_body "
                            + "FROM idempotency_key WHERE scope = ? AND principal = ? AND idempotency_key = ?",
                    (rs, i) -> new Row(rs.getString(1), rs.getObject(2) == null ? null
                            : new StoredResponse(rs.getInt(2), rs.getString(3), rs.getString(4), rs.getBytes(5))),
                    key.scope(), key.principal(), key.key());
            if (!rows.isEmpty()) {
                Row row = rows.get(0);
                if (!row.requestHash().equals(requestHash)) {
                    return new Claim(Outcome.MISMATCH, null);
                }
                return row.response() == null ? new Claim(Outcome.IN_PROGRESS, null) : new Claim(Outcome.REPLAY, row.response());
            }
        }
        return new Claim(Outcome.IN_PROGRESS, null);
    }

    public void complete(Key key, StoredResponse response) {
        jdbc.update("UPDATE idempotency_key SET response_status = ?, content_type = ?, location = ?, response_body = ? "
                        + "WHERE scope = ? AND principal = ? AND idempotency_key = ?",
                response.status(), response.contentType(), response.location(), response.body(),
                key.scope(), key.principal(), key.key());
    }

    public void release(Key key) {
        jdbc.update("DELETE FROM idempotency_key WHERE scope = ? AND principal = ? AND idempotency_key = ? AND response_status IS NULL",
                key.scope(), key.principal(), key.key());
    }

    /** The request body's fingerprint: SHA-256, hex. */
    public static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}

-- Idempotency keys (API.md, Conventions): one row per key, scoped by endpoint (method and path) and user. A row
-- without response_status is a claim: its first request is still running. Rows older than the retention are purged.
CREATE TABLE IF NOT EXISTS idempotency_key (
    scope           VARCHAR(512)  NOT NULL,
    principal       VARCHAR(255)  NOT NULL,
    idempotency_key VARCHAR(255)  NOT NULL,
    request_hash    CHAR(64)      NOT NULL,
    created_at      TIMESTAMPTZ   NOT NULL,
    response_status INTEGER,
    content_type    VARCHAR(255),
    location        VARCHAR(2048),
    response_body   BYTEA,
    PRIMARY KEY (scope, principal, idempotency_key)
);
CREATE INDEX IF NOT EXISTS idempotency_key_created ON idempotency_key (created_at);

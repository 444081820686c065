-- The dashboard's timeline (DashboardTimelineProjection): every version of every fact the SLA dashboard counts, valid
-- from the recording time of the event that made it until the one that replaced it. "As of T" is the versions whose
-- validity contains T; live is the same question at now. The GiST index answers it without reading history that
-- ended before T or begins after it.
CREATE TABLE IF NOT EXISTS dashboard_fact (
    fact_key         TEXT        NOT NULL,
    aggregate_id     TEXT        NOT NULL,
    sequence         BIGINT      NOT NULL,
    kind             TEXT        NOT NULL,
    complaint_id     TEXT,
    service_order_id TEXT,
    region           TEXT,
    category         TEXT,
    status           TEXT,
    late             BOOLEAN,
    year             INT,
    started_at       TIMESTAMPTZ,
    due_at           TIMESTAMPTZ,
    at_risk_at       TIMESTAMPTZ,
    stopped_at       TIMESTAMPTZ,
    valid_from       TIMESTAMPTZ NOT NULL,
    valid_to         TIMESTAMPTZ,
    PRIMARY KEY (fact_key, valid_from, sequence)
);
CREATE INDEX IF NOT EXISTS dashboard_fact_current ON dashboard_fact (aggregate_id) WHERE valid_to IS NULL;
CREATE INDEX IF NOT EXISTS dashboard_fact_validity ON dashboard_fact USING gist (tstzrange(valid_from, valid_to, '[)'));

-- the last event applied per aggregate, written in the same transaction as its versions: exactly once
CREATE TABLE IF NOT EXISTS dashboard_applied (
    aggregate_id TEXT   PRIMARY KEY,
    sequence     BIGINT NOT NULL
);

-- The audit trace (AuditTraceProjection): every event of the four topics as it was published, envelope and payload.
-- A complaint's trace is its correlation id's rows. The event id is the stored event's id, so a redelivery or replay
-- hits the primary key and adds nothing; a second event claiming an aggregate's sequence hits the unique index and goes
-- to the dead-letter topic instead of telling that step twice.
CREATE TABLE IF NOT EXISTS trace_event (
    event_id       TEXT        PRIMARY KEY,
    service        TEXT        NOT NULL,
    aggregate_type TEXT        NOT NULL,
    aggregate_id   TEXT        NOT NULL,
    sequence       BIGINT      NOT NULL,
    type           TEXT        NOT NULL,
    occurred_at    TIMESTAMPTZ NOT NULL,
    received_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    source         TEXT,
    actor          TEXT,
    correlation_id TEXT,
    causation_id   TEXT,
    payload        JSONB       NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS trace_event_aggregate_sequence ON trace_event (aggregate_type, aggregate_id, sequence)
    WHERE sequence >= 0;
CREATE INDEX IF NOT EXISTS trace_event_correlation ON trace_event (correlation_id, occurred_at);

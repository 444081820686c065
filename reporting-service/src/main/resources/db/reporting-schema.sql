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

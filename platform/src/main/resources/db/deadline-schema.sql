-- The deadline index shared by every service's clocks (intake's SLA clocks, field service's report clock, CAPA
-- action due dates): one row per running clock, kept by the owning service's event processor in the same transaction
-- as its token; the deadline watch sweeps it for at-risk points and deadlines that have passed.
CREATE TABLE IF NOT EXISTS deadline_watch (
    aggregate_id   VARCHAR(100) NOT NULL,
    clock          VARCHAR(100) NOT NULL,
    correlation_id VARCHAR(100),
    at_risk_at     TIMESTAMPTZ,
    due_at         TIMESTAMPTZ  NOT NULL,
    at_risk_done   BOOLEAN      NOT NULL DEFAULT FALSE,
    breach_done    BOOLEAN      NOT NULL DEFAULT FALSE,
    PRIMARY KEY (aggregate_id, clock)
);
CREATE INDEX IF NOT EXISTS deadline_watch_due ON deadline_watch (due_at) WHERE NOT breach_done;
CREATE INDEX IF NOT EXISTS deadline_watch_at_risk ON deadline_watch (at_risk_at) WHERE NOT at_risk_done;

-- The SLA watch's due-time index: one row per running clock, kept by the sla-watch event processor in the same
-- transaction as its token; the watch sweeps it for at-risk points and deadlines that have passed.
CREATE TABLE IF NOT EXISTS sla_watch (
    complaint_id VARCHAR(64)  NOT NULL,
    clock        VARCHAR(16)  NOT NULL,
    at_risk_at   TIMESTAMPTZ  NOT NULL,
    due_at       TIMESTAMPTZ  NOT NULL,
    at_risk_done BOOLEAN      NOT NULL DEFAULT FALSE,
    breach_done  BOOLEAN      NOT NULL DEFAULT FALSE,
    PRIMARY KEY (complaint_id, clock)
);
CREATE INDEX IF NOT EXISTS sla_watch_due ON sla_watch (due_at) WHERE NOT breach_done;
CREATE INDEX IF NOT EXISTS sla_watch_at_risk ON sla_watch (at_risk_at) WHERE NOT at_risk_done;

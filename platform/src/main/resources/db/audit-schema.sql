-- Tamper evidence (issue 8): a hash chain over each aggregate's stored events, written by PostgreSQL itself in the
-- transaction that appends the event, so no code path can store an event without its link. Each link is
-- sha256(previous link || the event's stored columns), see EventIntegrity for the byte layout it recomputes.
-- Run as one script (it holds function bodies); every statement is idempotent.
CREATE TABLE IF NOT EXISTS event_hash (
    aggregateidentifier VARCHAR(255) NOT NULL,
    sequencenumber      BIGINT       NOT NULL,
    eventidentifier     VARCHAR(255) NOT NULL,
    hash                BYTEA        NOT NULL,
    PRIMARY KEY (aggregateidentifier, sequencenumber)
);

CREATE OR REPLACE FUNCTION servicedesk_event_link(e domainevententry) RETURNS BYTEA AS $$
DECLARE
    previous BYTEA;
    header   BYTEA;
BEGIN
    SELECT hash INTO previous FROM event_hash
     WHERE aggregateidentifier = e.aggregateidentifier AND sequencenumber = e.sequencenumber - 1;
    header := convert_to(e.eventidentifier || E'\n' || e.aggregateidentifier || E'\n' || e.sequencenumber || E'\n'
        || coalesce(e.type, '') || E'\n' || e.timestamp || E'\n' || e.payloadtype || E'\n'
        || coalesce(e.payloadrevision, '') || E'\n', 'UTF8');
    RETURN sha256(coalesce(previous, ''::bytea) || header
        || int4send(length(e.payload)) || e.payload
        || int4send(coalesce(length(e.metadata), -1)) || coalesce(e.metadata, ''::bytea));
END
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION servicedesk_event_hash() RETURNS TRIGGER AS $$
BEGIN
    INSERT INTO event_hash (aggregateidentifier, sequencenumber, eventidentifier, hash)
    VALUES (NEW.aggregateidentifier, NEW.sequencenumber, NEW.eventidentifier, servicedesk_event_link(NEW));
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS servicedesk_event_hash ON domainevententry;
CREATE TRIGGER servicedesk_event_hash AFTER INSERT ON domainevententry
    FOR EACH ROW EXECUTE FUNCTION servicedesk_event_hash();

-- events stored before the chain existed get their links once, in order
DO $$
DECLARE
    e domainevententry;
BEGIN
    FOR e IN SELECT d.* FROM domainevententry d
              WHERE NOT EXISTS (SELECT 1 FROM event_hash h WHERE h.aggregateidentifier = d.aggregateidentifier
                                                             AND h.sequencenumber = d.sequencenumber)
              ORDER BY d.aggregateidentifier, d.sequencenumber LOOP
        INSERT INTO event_hash (aggregateidentifier, sequencenumber, eventidentifier, hash)
        VALUES (e.aggregateidentifier, e.sequencenumber, e.eventidentifier, servicedesk_event_link(e));
    END LOOP;
END
$$;

-- chain heads already published (ChainHeadPublisher): NULL until the link's aggregate head has been sent to Kafka;
-- the partial index keeps finding the unpublished ones cheap however long the store grows
ALTER TABLE event_hash ADD COLUMN IF NOT EXISTS published_at TIMESTAMPTZ;
CREATE INDEX IF NOT EXISTS event_hash_unpublished ON event_hash (aggregateidentifier, sequencenumber)
    WHERE published_at IS NULL;

-- Retention (DOMAIN.md: records kept at least 3 years for satisfaction, 5 for service information): nothing in the
-- system ever deletes or rewrites a stored event, so the event stores are append-only at the database level too. An
-- UPDATE, DELETE or TRUNCATE of an event, or a change to a link other than marking it published, is refused here;
-- whoever gets past this (a superuser switching triggers off) is still caught by the hash chain and published heads.
CREATE OR REPLACE FUNCTION servicedesk_refuse_event_change() RETURNS TRIGGER AS $$
BEGIN
    RAISE EXCEPTION 'the event store is append-only: % on % refused (records are kept for the retention period)',
        TG_OP, TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
END
$$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS servicedesk_append_only ON domainevententry;
CREATE TRIGGER servicedesk_append_only BEFORE UPDATE OR DELETE ON domainevententry
    FOR EACH ROW EXECUTE FUNCTION servicedesk_refuse_event_change();
DROP TRIGGER IF EXISTS servicedesk_append_only_truncate ON domainevententry;
CREATE TRIGGER servicedesk_append_only_truncate BEFORE TRUNCATE ON domainevententry
    FOR EACH STATEMENT EXECUTE FUNCTION servicedesk_refuse_event_change();

DROP TRIGGER IF EXISTS servicedesk_links_append_only ON event_hash;
CREATE TRIGGER servicedesk_links_append_only BEFORE DELETE ON event_hash
    FOR EACH ROW EXECUTE FUNCTION servicedesk_refuse_event_change();
DROP TRIGGER IF EXISTS servicedesk_links_unchanged ON event_hash;
CREATE TRIGGER servicedesk_links_unchanged BEFORE UPDATE ON event_hash
    FOR EACH ROW WHEN ((OLD.aggregateidentifier, OLD.sequencenumber, OLD.eventidentifier, OLD.hash)
                       IS DISTINCT FROM (NEW.aggregateidentifier, NEW.sequencenumber, NEW.eventidentifier, NEW.hash))
    EXECUTE FUNCTION servicedesk_refuse_event_change();
DROP TRIGGER IF EXISTS servicedesk_links_append_only_truncate ON event_hash;
CREATE TRIGGER servicedesk_links_append_only_truncate BEFORE TRUNCATE ON event_hash
    FOR EACH STATEMENT EXECUTE FUNCTION servicedesk_refuse_event_change();

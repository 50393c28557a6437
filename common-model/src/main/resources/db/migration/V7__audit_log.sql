-- Who changed what in the admin API, the admin UI and the client portal. Written in the same transaction as the
-- change it describes; before/after are JSON snapshots with every secret-looking value masked before storing.
CREATE TABLE audit_log (
    id          BIGSERIAL    PRIMARY KEY,
    at          TIMESTAMPTZ  NOT NULL DEFAULT now(),
    actor       VARCHAR(200) NOT NULL,
    source      VARCHAR(10)  NOT NULL CHECK (source IN ('api', 'ui', 'system')),
    ip          VARCHAR(64),
    action      VARCHAR(40)  NOT NULL,
    entity_type VARCHAR(40)  NOT NULL,
    entity_id   VARCHAR(100),
    summary     VARCHAR(500) NOT NULL,
    before      JSONB,
    after       JSONB
);
CREATE INDEX audit_log_at_idx ON audit_log (at DESC, id DESC);
CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id, at DESC);

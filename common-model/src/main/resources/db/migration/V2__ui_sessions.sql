-- Server-side sessions of the admin UI and the client portal, shared by every admin-ui replica.
-- The cookie holds a random id; only its SHA-256 (hex) is stored, so a database dump cannot be replayed.
CREATE TABLE ui_session (
    id_hash      VARCHAR(64)  PRIMARY KEY,
    kind         VARCHAR(10)  NOT NULL CHECK (kind IN ('admin', 'client')),
    client_id    BIGINT REFERENCES client (id) ON DELETE CASCADE,
    csrf_token   VARCHAR(64)  NOT NULL,
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    last_seen_at TIMESTAMPTZ  NOT NULL DEFAULT now(),
    expires_at   TIMESTAMPTZ  NOT NULL,
    CHECK ((kind = 'client') = (client_id IS NOT NULL))
);
CREATE INDEX ui_session_expires_idx ON ui_session (expires_at);
CREATE INDEX ui_session_client_idx ON ui_session (client_id) WHERE client_id IS NOT NULL;

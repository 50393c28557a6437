-- Dispatchapy schema, version 1: the whole domain.
-- Hand-written; Hibernate validates it and never generates it. All times are timestamptz (UTC).

CREATE TABLE resource (
    id                      BIGSERIAL PRIMARY KEY,
    name                    VARCHAR(200)  NOT NULL UNIQUE,
    url                     VARCHAR(2000) NOT NULL,
    method                  VARCHAR(10)   NOT NULL DEFAULT 'POST' CHECK (method IN ('POST', 'PUT', 'PATCH')),
    body_format             VARCHAR(10)   NOT NULL DEFAULT 'json' CHECK (body_format IN ('json', 'form')),
    headers                 JSONB         NOT NULL DEFAULT '{}'::jsonb,
    required_params         JSONB         NOT NULL DEFAULT '[]'::jsonb,
    timeout_ms              INTEGER       NOT NULL DEFAULT 15000 CHECK (timeout_ms > 0),
    include_raw             BOOLEAN       NOT NULL DEFAULT TRUE,
    active                  BOOLEAN       NOT NULL DEFAULT TRUE,
    status                  VARCHAR(10)   NOT NULL DEFAULT 'UP' CHECK (status IN ('UP', 'DOWN')),
    status_changed_at       TIMESTAMPTZ,
    -- health checks (active)
    hc_enabled              BOOLEAN       NOT NULL DEFAULT FALSE,
    hc_method               VARCHAR(10)   NOT NULL DEFAULT 'tcp' CHECK (hc_method IN ('tcp', 'http', 'post')),
    hc_url                  VARCHAR(2000),
    hc_test_values          JSONB         NOT NULL DEFAULT '{}'::jsonb,
    hc_interval_min_seconds INTEGER       NOT NULL DEFAULT 60 CHECK (hc_interval_min_seconds > 0),
    hc_interval_max_seconds INTEGER       NOT NULL DEFAULT 90 CHECK (hc_interval_max_seconds > 0),
    hc_failure_threshold    INTEGER       NOT NULL DEFAULT 2 CHECK (hc_failure_threshold > 0),
    hc_success_threshold    INTEGER       NOT NULL DEFAULT 1 CHECK (hc_success_threshold > 0),
    next_check_at           TIMESTAMPTZ,
    last_checked_at         TIMESTAMPTZ,
    consecutive_failures    INTEGER       NOT NULL DEFAULT 0,
    consecutive_successes   INTEGER       NOT NULL DEFAULT 0,
    -- passive health: consecutive delivery failures seen by the dispatch workers
    passive_failures        INTEGER       NOT NULL DEFAULT 0,
    passive_threshold       INTEGER       NOT NULL DEFAULT 5 CHECK (passive_threshold > 0),
    -- alerts
    email_enabled           BOOLEAN       NOT NULL DEFAULT FALSE,
    email_recipients        VARCHAR(2000),
    email_subject           VARCHAR(500),
    email_body              TEXT,
    webhook_enabled         BOOLEAN       NOT NULL DEFAULT FALSE,
    webhook_url             VARCHAR(2000),
    webhook_headers         JSONB         NOT NULL DEFAULT '{}'::jsonb,
    webhook_payload         JSONB         NOT NULL DEFAULT '{}'::jsonb,
    created_at              TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at              TIMESTAMPTZ   NOT NULL DEFAULT now(),
    CHECK (hc_interval_min_seconds <= hc_interval_max_seconds)
);
CREATE INDEX resource_next_check_idx ON resource (next_check_at) WHERE active AND hc_enabled;

CREATE TABLE endpoint (
    id                BIGSERIAL PRIMARY KEY,
    path              VARCHAR(500) NOT NULL UNIQUE,
    description       VARCHAR(2000),
    required_params   JSONB        NOT NULL DEFAULT '[]'::jsonb,
    active            BOOLEAN      NOT NULL DEFAULT TRUE,
    dev_mode          BOOLEAN      NOT NULL DEFAULT FALSE,
    dev_hold_tasks    BOOLEAN      NOT NULL DEFAULT FALSE,
    dev_rules_enabled BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at        TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at        TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- The ordered failover list of an endpoint.
CREATE TABLE endpoint_resource (
    endpoint_id BIGINT  NOT NULL REFERENCES endpoint (id) ON DELETE CASCADE,
    resource_id BIGINT  NOT NULL REFERENCES resource (id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    PRIMARY KEY (endpoint_id, resource_id)
);
CREATE INDEX endpoint_resource_resource_idx ON endpoint_resource (resource_id);

CREATE TABLE client (
    id                 BIGSERIAL PRIMARY KEY,
    name               VARCHAR(200) NOT NULL UNIQUE,
    description        VARCHAR(2000),
    -- SHA-256 (hex) of the token; the token itself is never stored.
    token_hash         VARCHAR(64)  NOT NULL UNIQUE,
    -- First characters of the token, to recognise it in lists.
    token_prefix       VARCHAR(16)  NOT NULL,
    -- The seed's legacy single-endpoint link, still accepted as authorisation.
    legacy_endpoint_id BIGINT REFERENCES endpoint (id) ON DELETE SET NULL,
    dev_hold_tasks     BOOLEAN      NOT NULL DEFAULT FALSE,
    dev_rules_enabled  BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at         TIMESTAMPTZ  NOT NULL DEFAULT now()
);

CREATE TABLE client_endpoint (
    client_id   BIGINT NOT NULL REFERENCES client (id) ON DELETE CASCADE,
    endpoint_id BIGINT NOT NULL REFERENCES endpoint (id) ON DELETE CASCADE,
    PRIMARY KEY (client_id, endpoint_id)
);
CREATE INDEX client_endpoint_endpoint_idx ON client_endpoint (endpoint_id);

-- How an endpoint's payload is mapped for one resource.
CREATE TABLE mapping_rule (
    id           BIGSERIAL PRIMARY KEY,
    endpoint_id  BIGINT       NOT NULL REFERENCES endpoint (id) ON DELETE CASCADE,
    resource_id  BIGINT       NOT NULL REFERENCES resource (id) ON DELETE CASCADE,
    target_key   VARCHAR(500) NOT NULL,
    source_type  VARCHAR(20)  NOT NULL CHECK (source_type IN ('field', 'uuid', 'constant', 'template')),
    source_value TEXT,
    position     INTEGER      NOT NULL DEFAULT 0,
    UNIQUE (endpoint_id, resource_id, target_key)
);
CREATE INDEX mapping_rule_resource_idx ON mapping_rule (resource_id);

-- Dev-mode override rules: endpoint level (endpoint_id set, client_id null) or client level
-- (client_id set; endpoint_id optionally narrows the rule to one endpoint).
CREATE TABLE dev_rule (
    id              BIGSERIAL PRIMARY KEY,
    endpoint_id     BIGINT REFERENCES endpoint (id) ON DELETE CASCADE,
    client_id       BIGINT REFERENCES client (id) ON DELETE CASCADE,
    condition_param VARCHAR(500),
    condition_value VARCHAR(2000),
    target_param    VARCHAR(500)  NOT NULL,
    override_value  VARCHAR(2000) NOT NULL,
    active          BOOLEAN       NOT NULL DEFAULT TRUE,
    position        INTEGER       NOT NULL DEFAULT 0,
    CHECK (endpoint_id IS NOT NULL OR client_id IS NOT NULL)
);
CREATE INDEX dev_rule_endpoint_idx ON dev_rule (endpoint_id) WHERE client_id IS NULL;
CREATE INDEX dev_rule_client_idx ON dev_rule (client_id) WHERE client_id IS NOT NULL;

CREATE TABLE task (
    id              BIGSERIAL PRIMARY KEY,
    status          VARCHAR(12)  NOT NULL CHECK (status IN ('pending', 'processing', 'success', 'failed', 'held', 'stopped')),
    client_id       BIGINT REFERENCES client (id) ON DELETE SET NULL,
    client_name     VARCHAR(200),
    endpoint_id     BIGINT REFERENCES endpoint (id) ON DELETE SET NULL,
    endpoint_path   VARCHAR(500) NOT NULL,
    ref             VARCHAR(500),
    scope           VARCHAR(500),
    payload         JSONB        NOT NULL,
    target_payload  JSONB,
    attempts        INTEGER      NOT NULL DEFAULT 0,
    max_attempts    INTEGER      NOT NULL,
    passes          INTEGER      NOT NULL DEFAULT 0,
    run_at          TIMESTAMPTZ  NOT NULL DEFAULT now(),
    locked_by       VARCHAR(100),
    lease_until     TIMESTAMPTZ,
    resource_id     BIGINT REFERENCES resource (id) ON DELETE SET NULL,
    resource_name   VARCHAR(200),
    last_error      TEXT,
    idempotency_key VARCHAR(255),
    request_hash    VARCHAR(64),
    accepted_as     VARCHAR(10)  NOT NULL DEFAULT 'queued',
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    finished_at     TIMESTAMPTZ
);
-- The queue: only pending rows, so claims stay fast however many finished tasks exist.
CREATE INDEX task_pending_idx ON task (run_at, id) WHERE status = 'pending';
-- Lease recovery scans only processing rows.
CREATE INDEX task_processing_idx ON task (lease_until) WHERE status = 'processing';
CREATE UNIQUE INDEX task_idempotency_idx ON task (client_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX task_status_created_idx ON task (status, created_at);
CREATE INDEX task_created_idx ON task (created_at DESC, id DESC);
CREATE INDEX task_endpoint_idx ON task (endpoint_id, id DESC);
CREATE INDEX task_client_idx ON task (client_id, id DESC);
CREATE INDEX task_ref_idx ON task (ref);
CREATE INDEX task_scope_idx ON task (scope);

CREATE TABLE task_attempt (
    id            BIGSERIAL PRIMARY KEY,
    task_id       BIGINT       NOT NULL REFERENCES task (id) ON DELETE CASCADE,
    attempt_no    INTEGER      NOT NULL,
    resource_id   BIGINT REFERENCES resource (id) ON DELETE SET NULL,
    resource_name VARCHAR(200) NOT NULL,
    started_at    TIMESTAMPTZ  NOT NULL,
    duration_ms   INTEGER      NOT NULL,
    outcome       VARCHAR(10)  NOT NULL CHECK (outcome IN ('success', 'failed')),
    status_code   INTEGER,
    detail        TEXT
);
CREATE INDEX task_attempt_task_idx ON task_attempt (task_id, id);

-- The task's log.
CREATE TABLE task_event (
    id         BIGSERIAL PRIMARY KEY,
    task_id    BIGINT      NOT NULL REFERENCES task (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    message    TEXT        NOT NULL
);
CREATE INDEX task_event_task_idx ON task_event (task_id, id);

CREATE TABLE health_check (
    id                  BIGSERIAL PRIMARY KEY,
    resource_id         BIGINT      NOT NULL REFERENCES resource (id) ON DELETE CASCADE,
    created_at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    method              VARCHAR(10) NOT NULL,
    trigger             VARCHAR(10) NOT NULL DEFAULT 'scheduled' CHECK (trigger IN ('scheduled', 'manual')),
    success             BOOLEAN     NOT NULL,
    status_code         INTEGER,
    latency_ms          INTEGER,
    detail              TEXT,
    notification_status VARCHAR(500)
);
CREATE INDEX health_check_resource_idx ON health_check (resource_id, created_at DESC);
CREATE INDEX health_check_created_idx ON health_check (created_at);

CREATE TABLE resource_status_change (
    id          BIGSERIAL PRIMARY KEY,
    resource_id BIGINT      NOT NULL REFERENCES resource (id) ON DELETE CASCADE,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    from_status VARCHAR(10) NOT NULL,
    to_status   VARCHAR(10) NOT NULL,
    reason      VARCHAR(20) NOT NULL CHECK (reason IN ('active check', 'passive', 'manual', 'half-open')),
    detail      TEXT
);
CREATE INDEX resource_status_change_idx ON resource_status_change (resource_id, created_at DESC);

-- Alerts are written in the same transaction as what causes them and sent by whoever claims them.
CREATE TABLE alert_outbox (
    id              BIGSERIAL PRIMARY KEY,
    kind            VARCHAR(30) NOT NULL,
    channel         VARCHAR(10) NOT NULL CHECK (channel IN ('email', 'webhook')),
    resource_id     BIGINT REFERENCES resource (id) ON DELETE CASCADE,
    task_id         BIGINT,
    dedupe_key      VARCHAR(200),
    payload         JSONB       NOT NULL DEFAULT '{}'::jsonb,
    status          VARCHAR(10) NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
    attempts        INTEGER     NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    locked_by       VARCHAR(100),
    lease_until     TIMESTAMPTZ,
    last_error      TEXT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    sent_at         TIMESTAMPTZ
);
CREATE INDEX alert_outbox_pending_idx ON alert_outbox (next_attempt_at, id) WHERE status = 'pending';
CREATE UNIQUE INDEX alert_outbox_dedupe_idx ON alert_outbox (dedupe_key) WHERE dedupe_key IS NOT NULL;

-- Runtime settings edited in the UI (key/value, values as text).
CREATE TABLE setting (
    key   VARCHAR(100) PRIMARY KEY,
    value TEXT
);
INSERT INTO setting (key, value) VALUES
    ('maxAttempts', '5'),
    ('retryDelayMinSeconds', '1'),
    ('retryDelayMaxSeconds', '300'),
    ('taskRetentionDays', NULL),
    ('smtp.host', NULL),
    ('smtp.port', '587'),
    ('smtp.username', NULL),
    ('smtp.password', NULL),
    ('smtp.from', NULL),
    ('smtp.encryption', 'starttls');

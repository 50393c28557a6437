-- Per-client ingestion rate limit (token bucket in each gateway process). NULL = the gateway's default
-- (dispatchapy.gateway.rate-limit.*); 0 requests per second = unlimited.
ALTER TABLE client ADD COLUMN rate_limit_per_second INTEGER CHECK (rate_limit_per_second >= 0);
ALTER TABLE client ADD COLUMN rate_limit_burst INTEGER CHECK (rate_limit_burst >= 1);

-- Token rotation with a grace period: the previous token (hash only) keeps working until the expiry.
-- A second rotation replaces it.
ALTER TABLE client ADD COLUMN previous_token_hash VARCHAR(64);
ALTER TABLE client ADD COLUMN previous_token_prefix VARCHAR(16);
ALTER TABLE client ADD COLUMN previous_token_expires_at TIMESTAMPTZ;
CREATE INDEX client_previous_token_idx ON client (previous_token_hash) WHERE previous_token_hash IS NOT NULL;

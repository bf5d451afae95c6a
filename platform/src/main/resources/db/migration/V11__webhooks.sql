-- Signed webhooks (api-service, dev.vidferry.api.webhook): a user's subscriptions and every delivery attempt's outcome.
CREATE TABLE webhook (
    id                   uuid        PRIMARY KEY,
    owner_id             text        NOT NULL,
    url                  text        NOT NULL,
    events               text[]      NOT NULL,
    -- the signing secret, AES-256-GCM encrypted (platform TokenCipher, AAD = owner); shown to the user once
    secret_key_id        text        NOT NULL,
    secret_ciphertext    bytea       NOT NULL,
    status               text        NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
    consecutive_failures int         NOT NULL DEFAULT 0,
    created_at           timestamptz NOT NULL DEFAULT now(),
    disabled_at          timestamptz
);
CREATE INDEX webhook_owner ON webhook (owner_id, created_at);

CREATE TABLE webhook_delivery (
    id               uuid        PRIMARY KEY,
    webhook_id       uuid        NOT NULL REFERENCES webhook (id) ON DELETE CASCADE,
    event_id         uuid        NOT NULL,
    event_type       text        NOT NULL,
    job_id           uuid        NOT NULL,
    -- the CloudEvent as sent (structured JSON mode), the same bytes on every attempt
    body             text        NOT NULL,
    status           text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
    attempts         int         NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    last_status_code int,
    last_error       text,
    last_attempt_at  timestamptz,
    delivered_at     timestamptz,
    created_at       timestamptz NOT NULL DEFAULT now(),
    -- one delivery per hook and event, however often the event is read from Kafka
    UNIQUE (webhook_id, event_id)
);
CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_delivery_hook ON webhook_delivery (webhook_id, created_at DESC);

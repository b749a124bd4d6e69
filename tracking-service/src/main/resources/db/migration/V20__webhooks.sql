-- Webhooks of API customers (lifecycle API section 8). The signing secret is kept only AES-256-GCM encrypted under
-- certtrack.keys.webhook-secret, with the endpoint id as associated data; the customer sees it once, at creation.
CREATE TABLE webhook_endpoint (
    id               uuid PRIMARY KEY,
    -- the line whose access token registered it; it counts against that line's limit
    owner_line_id    text        NOT NULL,
    order_number     text        NOT NULL,
    scope            text        NOT NULL CHECK (scope IN ('LINE', 'ACCOUNT')),
    -- ACCOUNT: every line of this customer (tracked_line.customer_key)
    customer_key     text,
    url              text        NOT NULL,
    secret_encrypted bytea       NOT NULL,
    created_at       timestamptz NOT NULL,
    -- set when the receiver answered 410 Gone: nothing more is sent
    disabled_at      timestamptz,
    disabled_reason  text
);
CREATE INDEX webhook_endpoint_owner ON webhook_endpoint (owner_line_id);
CREATE INDEX webhook_endpoint_customer ON webhook_endpoint (customer_key) WHERE scope = 'ACCOUNT';

-- One row per event per endpoint, written in the projection's transaction. source_key names the change in the
-- source events (type, line, status and the occurredAt of the event that set it, or the certificate serial), so a
-- replayed event or a rebuilt view cannot add a second delivery of the same change to the same endpoint.
CREATE TABLE webhook_delivery (
    id               uuid PRIMARY KEY,
    endpoint_id      uuid        NOT NULL REFERENCES webhook_endpoint (id) ON DELETE CASCADE,
    source_key       text        NOT NULL,
    event_type       text        NOT NULL,
    line_id          text        NOT NULL,
    payload          text        NOT NULL,
    status           text        NOT NULL CHECK (status IN ('PENDING', 'DELIVERED', 'RETRYING', 'FAILED')),
    attempts         integer     NOT NULL DEFAULT 0,
    last_http_status integer,
    last_error       text,
    next_attempt_at  timestamptz,
    delivered_at     timestamptz,
    created_at       timestamptz NOT NULL,
    UNIQUE (endpoint_id, source_key)
);
CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE status IN ('PENDING', 'RETRYING');
CREATE INDEX webhook_delivery_log ON webhook_delivery (endpoint_id, created_at DESC);

-- What webhooks last saw of each line: tells a status change from a mere touch and gives previousStatus.
CREATE TABLE webhook_line_state (
    line_id            text PRIMARY KEY,
    status             text,
    certificate_serial text,
    updated_at         timestamptz NOT NULL
);

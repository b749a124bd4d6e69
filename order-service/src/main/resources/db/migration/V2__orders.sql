-- Orders and their product lines. Lines keep domains in their ASCII (punycode) form.
CREATE TABLE customer_order (
    order_number          text PRIMARY KEY,
    status                text        NOT NULL,
    customer_name         text        NOT NULL,
    customer_email        text        NOT NULL,
    customer_organisation text,
    -- The OrderPlaced eventId, generated once: a re-published event keeps it, so consumers deduplicate.
    placed_event_id       uuid        NOT NULL UNIQUE,
    created_at            timestamptz NOT NULL
);

CREATE TABLE order_line (
    line_id      text PRIMARY KEY,
    order_number text    NOT NULL REFERENCES customer_order (order_number),
    line_no      integer NOT NULL,
    product      text    NOT NULL,
    domains      text[]  NOT NULL DEFAULT '{}',
    dcv_method   text,
    csr_pem      text,
    term_months  integer,
    UNIQUE (order_number, line_no)
);

-- Idempotency-Key header: the key is claimed (INSERT ... ON CONFLICT) before the order is written, so concurrent
-- identical requests serialise on this primary key and only one order is created.
CREATE TABLE idempotency_key (
    idempotency_key text PRIMARY KEY,
    request_hash    text        NOT NULL,
    order_number    text        NOT NULL
        REFERENCES customer_order (order_number) DEFERRABLE INITIALLY DEFERRED,
    created_at      timestamptz NOT NULL
);
CREATE INDEX idempotency_key_created ON idempotency_key (created_at);

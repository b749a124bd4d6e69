-- The customer of each order, from OrderPlaced: who receives the e-mails of the order's later events.
CREATE TABLE customer_order (
    order_number   text PRIMARY KEY,
    customer_name  text        NOT NULL,
    customer_email text        NOT NULL,
    placed_at      timestamptz NOT NULL
);

-- Events that arrived before their order's OrderPlaced (another topic, so no ordering guarantee). They are
-- released into mail jobs once the customer is known. Secrets in the payload stay sealed as they were on Kafka;
-- the EAB HMAC key is removed before parking.
CREATE TABLE parked_event (
    event_id     uuid PRIMARY KEY,
    order_number text        NOT NULL,
    topic        text        NOT NULL,
    payload      text        NOT NULL,
    parked_at    timestamptz NOT NULL
);
CREATE INDEX parked_event_order ON parked_event (order_number);

-- The sent-mail ledger and delivery queue: one row per (event, template, recipient), written in the consumer's
-- transaction and delivered by the sender. The CA Reference is kept only sealed, and only until the mail is sent.
CREATE TABLE mail_job (
    id               uuid PRIMARY KEY,
    event_id         uuid        NOT NULL,
    template         text        NOT NULL,
    recipient        text        NOT NULL,
    topic            text        NOT NULL,
    order_number     text        NOT NULL,
    line_id          text,
    subject          text        NOT NULL,
    model            text        NOT NULL,
    sealed_reference text,
    message_id       text        NOT NULL,
    status           text        NOT NULL,
    attempts         integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL,
    lease_until      timestamptz,
    last_error       text,
    created_at       timestamptz NOT NULL,
    sent_at          timestamptz,
    dead_lettered_at timestamptz,
    CONSTRAINT mail_job_once UNIQUE (event_id, template, recipient),
    CONSTRAINT mail_job_status CHECK (status IN ('PENDING', 'SENT', 'DEAD'))
);
CREATE INDEX mail_job_due ON mail_job (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX mail_job_undead_lettered ON mail_job (created_at) WHERE status = 'DEAD' AND dead_lettered_at IS NULL;

-- Shared shapes every service uses: the transactional outbox and the processed-event ledger.
CREATE TABLE outbox_event (
    event_id    uuid PRIMARY KEY,
    topic       text        NOT NULL,
    message_key text        NOT NULL,
    event_type  text        NOT NULL,
    payload     text        NOT NULL,
    occurred_at timestamptz NOT NULL,
    created_at  timestamptz NOT NULL,
    sent_at     timestamptz
);
CREATE INDEX outbox_event_unsent ON outbox_event (created_at) WHERE sent_at IS NULL;

CREATE TABLE processed_event (
    event_id     uuid        NOT NULL,
    consumer     text        NOT NULL,
    processed_at timestamptz NOT NULL,
    PRIMARY KEY (event_id, consumer)
);

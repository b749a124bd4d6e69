-- One row per order line: what to submit, where it stands at the CA, and when to look again.
-- No CA Reference and no EAB key is ever stored here: only the reference's keyed hash.
CREATE TABLE ca_line (
    line_id          text PRIMARY KEY,
    order_number     text        NOT NULL,
    product          text        NOT NULL,
    domains          text,
    dcv_method       text,
    csr_pem          text,
    term_months      integer,
    organisation     text,
    ordered_at       timestamptz NOT NULL,
    state            text        NOT NULL,
    attempts         integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz,
    last_error       text,
    ca_order_id      text,
    reference_hash   text,
    ca_status        text,
    snapshot         text,
    next_poll_at     timestamptz,
    poll_interval_ms bigint,
    last_polled_at   timestamptz,
    -- a refresh asked for this poll: announce it (CaOrderChecked) even if nothing changed
    check_requested  boolean     NOT NULL DEFAULT false
);
CREATE INDEX ca_line_due_submission ON ca_line (next_attempt_at) WHERE state = 'PENDING';
CREATE INDEX ca_line_due_poll ON ca_line (next_poll_at) WHERE next_poll_at IS NOT NULL;

-- Commands from tracking-service (reissue, refresh) waiting to be carried out at the CA.
CREATE TABLE ca_command (
    event_id        uuid PRIMARY KEY,
    line_id         text        NOT NULL REFERENCES ca_line (line_id),
    kind            text        NOT NULL,
    csr_pem         text,
    domains         text,
    state           text        NOT NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    last_error      text,
    created_at      timestamptz NOT NULL
);
CREATE INDEX ca_command_due ON ca_command (next_attempt_at) WHERE state = 'PENDING';

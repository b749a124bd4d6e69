-- Expiry reminders. One row per certificate line: what it is, its current certificate, the chosen reminder days
-- (text "90,60,30,7,3,-7"; NULL = the defaults, '' = off), whether it ended (cancelled, revoked) or was renewed.
CREATE TABLE reminder_line (
    line_id       text PRIMARY KEY,
    order_number  text        NOT NULL,
    product       text,
    domains       text,
    renewal_of    text,
    renewed_by    text,
    reminder_days text,
    serial_number text,
    not_after     timestamptz,
    certificate_arrived_at timestamptz,
    ended_at      timestamptz,
    ended_because text,
    updated_at    timestamptz NOT NULL
);
CREATE INDEX reminder_line_renewal_of ON reminder_line (renewal_of) WHERE renewal_of IS NOT NULL;

-- The schedule: one row per (line, certificate, threshold), whose id is also the cause id of the reminder's mail
-- job (so its Message-ID is fixed). PENDING rows fall due at due_at; the reminder job moves each to QUEUED (mail
-- job written in the same transaction) or to SUPERSEDED (a later threshold of the same line was due at once).
-- PASSED: already past when the certificate (or the setting) arrived; OFF: removed by a settings change;
-- REPLACED: the line got a new certificate; ENDED: line cancelled or revoked; RENEWED: a renewal line was issued.
CREATE TABLE reminder_due (
    id            uuid PRIMARY KEY,
    line_id       text        NOT NULL REFERENCES reminder_line (line_id),
    serial_number text        NOT NULL,
    days          integer     NOT NULL,
    due_at        timestamptz NOT NULL,
    status        text        NOT NULL,
    mail_job_id   uuid,
    created_at    timestamptz NOT NULL,
    decided_at    timestamptz,
    CONSTRAINT reminder_due_once UNIQUE (line_id, serial_number, days),
    CONSTRAINT reminder_due_status CHECK (status IN
        ('PENDING', 'QUEUED', 'SUPERSEDED', 'PASSED', 'OFF', 'REPLACED', 'ENDED', 'RENEWED'))
);
CREATE INDEX reminder_due_pending ON reminder_due (due_at) WHERE status = 'PENDING';

-- Revoke requests seen on tracking-commands.v1, so that the CertificateRevoked answers of one request are mailed
-- together. Serial numbers lower-case hex without separators.
CREATE TABLE revoke_request (
    event_id       uuid PRIMARY KEY,
    line_id        text        NOT NULL,
    serial_numbers text[]      NOT NULL,
    requested_at   timestamptz NOT NULL
);
CREATE INDEX revoke_request_line ON revoke_request (line_id, requested_at);

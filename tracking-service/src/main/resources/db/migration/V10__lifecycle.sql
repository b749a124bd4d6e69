-- Issue 12 (lifecycle). Projections first: emptied and refilled by a rebuild from offset 0 like tracked_line.

-- Every certificate a line ever had (CaOrderStatusChanged certificates, CertificateRevoked). Origin and state are
-- derived when read (first by issued_at = ISSUED, later = REISSUE; the line's current one = CURRENT), so the rows
-- come out the same whatever order the events are replayed in.
CREATE TABLE line_certificate (
    line_id            text        NOT NULL,
    serial_number      text        NOT NULL,
    sha256_fingerprint text,
    not_before         timestamptz,
    not_after          timestamptz,
    -- occurredAt of the first event that reported this certificate
    issued_at          timestamptz,
    revoked_at         timestamptz,
    revocation_reason  text,
    PRIMARY KEY (line_id, serial_number)
);

-- Commands this service published for a line (DCV actions, cancel, revoke; from tracking-commands.v1) and the
-- CA's refusals of them (CaCommandRejected): what is still pending is worked out from these and the line's facts.
CREATE TABLE line_command (
    command_id       uuid PRIMARY KEY,
    line_id          text        NOT NULL,
    command_type     text        NOT NULL,
    action           text,
    detail           text,
    requested_at     timestamptz,
    answered_at      timestamptz,
    rejected_at      timestamptz,
    rejection_reason text
);
CREATE INDEX line_command_line ON line_command (line_id, requested_at DESC);

ALTER TABLE tracked_line ADD COLUMN reminder_days text;
ALTER TABLE tracked_line ADD COLUMN reminder_days_at timestamptz;
ALTER TABLE tracked_line ADD COLUMN last_rejection_type text;
ALTER TABLE tracked_line ADD COLUMN last_rejection_reason text;
ALTER TABLE tracked_line ADD COLUMN last_rejection_at timestamptz;

-- The audit trail of a line: NOT a projection. It is the record itself, kept through view rebuilds, and
-- append-only: the triggers below refuse UPDATE, DELETE and TRUNCATE. event_id is set on entries written from an
-- event (the CA's answers, audit.v1), so a redelivered or replayed event cannot write its entry twice.
CREATE TABLE audit_entry (
    id             bigserial PRIMARY KEY,
    line_id        text        NOT NULL,
    order_number   text,
    at             timestamptz NOT NULL,
    action         text        NOT NULL,
    client_address text,
    outcome        text        NOT NULL,
    detail         text,
    event_id       uuid UNIQUE
);
CREATE INDEX audit_entry_line ON audit_entry (line_id, at DESC, id DESC);

CREATE FUNCTION audit_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_entry is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_entry_no_update_or_delete BEFORE UPDATE OR DELETE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION audit_entry_append_only();
CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_append_only();

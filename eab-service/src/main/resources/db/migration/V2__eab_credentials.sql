-- EAB credentials of CaaS subscriptions. The HMAC key is stored only AES-GCM encrypted and only until the
-- reveal window closes; then it is purged for good (the ACME server keeps its own copy for the binding).
CREATE TABLE eab_credential (
    line_id             text PRIMARY KEY,
    order_number        text        NOT NULL,
    reference_hash      text        NOT NULL UNIQUE,
    eab_key_id          text        NOT NULL,
    hmac_key_ciphertext bytea,
    directory_url       text        NOT NULL,
    ordered_at          timestamptz NOT NULL,
    revealable_until    timestamptz NOT NULL,
    purged_at           timestamptz,
    created_at          timestamptz NOT NULL
);
CREATE INDEX eab_credential_to_purge ON eab_credential (revealable_until) WHERE purged_at IS NULL;

-- Every reveal attempt on a known credential, append-only.
CREATE TABLE reveal_audit (
    id             bigserial PRIMARY KEY,
    line_id        text        NOT NULL,
    client_address text        NOT NULL,
    attempted_at   timestamptz NOT NULL,
    outcome        text        NOT NULL
);
CREATE INDEX reveal_audit_line ON reveal_audit (line_id, attempted_at);

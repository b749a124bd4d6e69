-- The stand-in CA: its keys, orders with their domains, signed certificates, ACME (EAB) accounts.
-- Secrets (CA private keys, CA References, EAB HMAC keys) are AES-GCM sealed; no column holds them in clear.
CREATE TABLE ca_key (
    name               text PRIMARY KEY,
    certificate_der    bytea       NOT NULL,
    private_key_sealed bytea       NOT NULL,
    created_at         timestamptz NOT NULL
);

CREATE TABLE ca_order (
    id                      uuid PRIMARY KEY,
    client_id               text        NOT NULL,
    client_order_id         text        NOT NULL,
    request_sha256          text        NOT NULL,
    ca_reference_sealed     bytea       NOT NULL,
    product                 text        NOT NULL,
    status                  text        NOT NULL,
    validity_days           integer     NOT NULL,
    organisation_name       text,
    organisation_country    text,
    organisation_validation text        NOT NULL,
    csr_pem                 text,
    rejection_reason        text,
    current_certificate_id  uuid,
    created_at              timestamptz NOT NULL,
    updated_at              timestamptz NOT NULL,
    CONSTRAINT ca_order_client_order UNIQUE (client_id, client_order_id)
);

CREATE TABLE order_domain (
    id                uuid PRIMARY KEY,
    order_id          uuid        NOT NULL REFERENCES ca_order (id) ON DELETE CASCADE,
    position          integer     NOT NULL,
    name              text        NOT NULL,
    dcv_method        text        NOT NULL,
    dcv_status        text        NOT NULL,
    token             text        NOT NULL UNIQUE,
    token_created_at  timestamptz NOT NULL,
    email_sent_at     timestamptz,
    next_check_at     timestamptz NOT NULL,
    check_attempts    integer     NOT NULL DEFAULT 0,
    last_checked_at   timestamptz,
    last_check_result text,
    validated_at      timestamptz
);
CREATE INDEX order_domain_order ON order_domain (order_id);
CREATE INDEX order_domain_due ON order_domain (next_check_at) WHERE dcv_status = 'PENDING';

CREATE TABLE leaf_certificate (
    id                 uuid PRIMARY KEY,
    order_id           uuid        NOT NULL REFERENCES ca_order (id),
    serial_number      text        NOT NULL UNIQUE,
    der                bytea       NOT NULL,
    sha256_fingerprint text        NOT NULL,
    public_key_sha256  text        NOT NULL,
    not_before         timestamptz NOT NULL,
    not_after          timestamptz NOT NULL,
    revoked_at         timestamptz,
    revocation_reason  integer,
    created_at         timestamptz NOT NULL
);
CREATE INDEX leaf_certificate_order ON leaf_certificate (order_id);
CREATE INDEX leaf_certificate_revoked ON leaf_certificate (revoked_at) WHERE revoked_at IS NOT NULL;

CREATE TABLE compromised_key (
    public_key_sha256 text PRIMARY KEY,
    reported_at       timestamptz NOT NULL
);

CREATE TABLE acme_account (
    id              uuid PRIMARY KEY,
    client_id       text        NOT NULL,
    client_order_id text        NOT NULL,
    term_months     integer     NOT NULL,
    eab_key_id      text        NOT NULL UNIQUE,
    hmac_key_sealed bytea       NOT NULL,
    created_at      timestamptz NOT NULL,
    expires_at      timestamptz NOT NULL,
    CONSTRAINT acme_account_client_order UNIQUE (client_id, client_order_id)
);

-- CRL numbers must only grow (RFC 5280 5.2.3), across restarts and replicas.
CREATE SEQUENCE crl_number;

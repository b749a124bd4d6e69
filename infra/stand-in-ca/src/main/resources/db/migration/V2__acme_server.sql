-- The ACME (RFC 8555) server: client accounts bound by EAB to a CaaS subscription (acme_account), their orders,
-- authorizations (one token shared by the http-01 and dns-01 challenges of an identifier) and certificates.
CREATE TABLE acme_client_account (
    id              uuid PRIMARY KEY,
    subscription_id uuid        NOT NULL REFERENCES acme_account (id),
    jwk             text        NOT NULL,
    jwk_thumbprint  text        NOT NULL UNIQUE,
    status          text        NOT NULL,
    contact         text,
    created_at      timestamptz NOT NULL
);
CREATE INDEX acme_client_account_subscription ON acme_client_account (subscription_id);

CREATE TABLE acme_order (
    id             uuid PRIMARY KEY,
    account_id     uuid        NOT NULL REFERENCES acme_client_account (id),
    status         text        NOT NULL,
    identifiers    text        NOT NULL,
    expires_at     timestamptz NOT NULL,
    certificate_id uuid,
    error          text,
    created_at     timestamptz NOT NULL
);
CREATE INDEX acme_order_account ON acme_order (account_id, created_at);

CREATE TABLE acme_authorization (
    id               uuid PRIMARY KEY,
    order_id         uuid        NOT NULL REFERENCES acme_order (id) ON DELETE CASCADE,
    position         integer     NOT NULL,
    identifier       text        NOT NULL,
    wildcard         boolean     NOT NULL,
    status           text        NOT NULL,
    token            text        NOT NULL UNIQUE,
    expires_at       timestamptz NOT NULL,
    challenge_type   text,
    challenge_status text,
    challenge_error  text,
    validated_at     timestamptz
);
CREATE INDEX acme_authorization_order ON acme_authorization (order_id);

-- Leaves issued through ACME belong to an ACME order rather than an order of the order API.
ALTER TABLE leaf_certificate ALTER COLUMN order_id DROP NOT NULL;
ALTER TABLE leaf_certificate ADD COLUMN acme_order_id uuid REFERENCES acme_order (id);
ALTER TABLE leaf_certificate ADD CONSTRAINT leaf_certificate_one_order
    CHECK ((order_id IS NULL) <> (acme_order_id IS NULL));
CREATE INDEX leaf_certificate_acme_order ON leaf_certificate (acme_order_id) WHERE acme_order_id IS NOT NULL;

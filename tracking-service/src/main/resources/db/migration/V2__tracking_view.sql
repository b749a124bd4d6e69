-- The tracking view: one row per order line, built from orders.v1, ca-orders.v1 and caas.v1. Rebuildable at any
-- time from offset 0 (every column is derived from events). The CA Reference is never stored: only its keyed
-- hash (HMAC-SHA256 under certtrack.keys.reference-hash), which cannot be turned back into the reference.
CREATE TABLE tracked_line (
    line_id                 text PRIMARY KEY,
    order_number            text        NOT NULL,
    reference_hash          text UNIQUE,
    product                 text,
    ordered_at              timestamptz,
    -- what the customer ordered (OrderPlaced), shown until the CA reports its own view of the domains
    requested_domains       text,
    requested_dcv_method    text,
    -- the CA's view: status and domains as of status_at (the occurredAt of the event that set them)
    status                  text,
    status_at               timestamptz,
    domains                 text,
    reason                  text,
    ca_last_queried_at      timestamptz,
    -- the current certificate, leaf PEM first then the intermediates
    certificate_serial      text,
    certificate_sha256      text,
    certificate_pem_chain   text,
    issued_at               timestamptz,
    expires_at              timestamptz,
    -- CaaS: where and until when the EAB credentials can be revealed
    eab_key_id              text,
    acme_directory_url      text,
    eab_revealable_until    timestamptz,
    -- not derived from events: throttles refresh commands and remembers the last reissue request
    refresh_requested_at    timestamptz,
    reissue_requested_at    timestamptz,
    updated_at              timestamptz NOT NULL
);
CREATE INDEX tracked_line_order ON tracked_line (order_number);

-- Intermediate certificates seen in issued chains, served publicly at /api/intermediates.
CREATE TABLE intermediate_certificate (
    sha256        text PRIMARY KEY,
    subject       text        NOT NULL,
    not_after     timestamptz NOT NULL,
    pem           text        NOT NULL,
    first_seen_at timestamptz NOT NULL
);

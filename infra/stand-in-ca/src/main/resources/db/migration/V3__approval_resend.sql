-- Approval links replaced by a resent e-mail stay usable until one of them is used, the domain changes its DCV
-- method, or the link's own validity ends (the subscriber may open the older e-mail first).
CREATE TABLE superseded_approval_token (
    token      text PRIMARY KEY,
    domain_id  uuid        NOT NULL REFERENCES order_domain (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL
);
CREATE INDEX superseded_approval_token_domain ON superseded_approval_token (domain_id);

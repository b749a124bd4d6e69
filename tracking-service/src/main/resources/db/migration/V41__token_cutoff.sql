-- Tokens of a line handed out before not_before no longer open it: reissue, revocation and "sign out everywhere"
-- move the moment forward (a forwarded link or a copied access token stops working).
CREATE TABLE token_cutoff (
    line_id    text PRIMARY KEY,
    not_before timestamptz NOT NULL
);

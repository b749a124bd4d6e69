-- The customer's e-mail as a keyed hash (never plaintext here): lines of one customer can be told apart from
-- others' (account-wide webhooks, renewals) without this view holding the address.
ALTER TABLE tracked_line ADD COLUMN customer_key VARCHAR(64);
ALTER TABLE tracked_line ADD COLUMN renewal_of VARCHAR(64);
CREATE INDEX tracked_line_customer_key ON tracked_line (customer_key);
CREATE INDEX tracked_line_renewal_of ON tracked_line (renewal_of);

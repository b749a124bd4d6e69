-- A certificate line ordered without a CSR waits for one: the lookup names that next step until it arrives.
ALTER TABLE tracked_line
    ADD COLUMN csr_awaited boolean NOT NULL DEFAULT false,
    ADD COLUMN csr_submitted_at timestamptz;

-- Certificate lines ordered without a CSR: one reminder after a delay, unless the CSR comes or the line ends first.
CREATE TABLE awaited_csr (
    line_id      text PRIMARY KEY,
    order_number text        NOT NULL,
    product      text        NOT NULL,
    domains      text        NOT NULL,
    remind_at    timestamptz NOT NULL,
    -- WAITING, then REMINDED (mail job queued), RECEIVED (the CSR came) or ENDED (issued, cancelled, rejected)
    status       text        NOT NULL DEFAULT 'WAITING',
    updated_at   timestamptz NOT NULL
);
CREATE INDEX awaited_csr_due ON awaited_csr (remind_at) WHERE status = 'WAITING';

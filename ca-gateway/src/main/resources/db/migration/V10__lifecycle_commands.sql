-- Lifecycle commands from tracking-service beside reissues: DCV actions, cancel, revoke. What each one needs is kept
-- with it, so a retry after a CA outage repeats exactly the same request.
ALTER TABLE ca_command ADD COLUMN domain text;
ALTER TABLE ca_command ADD COLUMN dcv_action text;
ALTER TABLE ca_command ADD COLUMN dcv_method text;
ALTER TABLE ca_command ADD COLUMN reason text;
-- comma-separated hex serial numbers; none = the line's current certificate
ALTER TABLE ca_command ADD COLUMN serial_numbers text;

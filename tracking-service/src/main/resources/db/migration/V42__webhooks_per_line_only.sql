-- Webhooks cover only the line whose CA Reference registered them: an "account" (a hash of an order e-mail that
-- no one confirmed) is not a key to other lines. Account-wide endpoints keep their owner line's events.
UPDATE webhook_endpoint SET scope = 'LINE' WHERE scope = 'ACCOUNT';
DROP INDEX webhook_endpoint_customer;
ALTER TABLE webhook_endpoint DROP COLUMN customer_key;
ALTER TABLE webhook_endpoint DROP CONSTRAINT webhook_endpoint_scope_check;
ALTER TABLE webhook_endpoint ADD CONSTRAINT webhook_endpoint_scope_check CHECK (scope = 'LINE');

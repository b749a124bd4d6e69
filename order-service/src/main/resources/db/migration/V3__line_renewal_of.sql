-- The line a line renews (its line id as ordered); tracking-service honours it only for the same customer.
ALTER TABLE order_line ADD COLUMN renewal_of text;

-- One name per concept: the hash of the CA Reference is ca_reference_hash, the sealed reference sealed_ca_reference
-- (as the events name them).
ALTER TABLE tracked_line RENAME COLUMN reference_hash TO ca_reference_hash;

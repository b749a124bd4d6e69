-- One name per concept: the hash of the CA Reference is ca_reference_hash, the sealed reference sealed_ca_reference
-- (as the events name them).
ALTER TABLE ca_order RENAME COLUMN ca_reference_sealed TO sealed_ca_reference;

-- The key that MACs each entry: an id of the field-encryption key file (the MAC key is derived
-- from it), so that someone who can write the database but has not the key file cannot rebuild a
-- valid chain. '' marks an entry chained with plain SHA-256 (written without keys).
ALTER TABLE audit_log ADD COLUMN key_id TEXT NOT NULL DEFAULT '';

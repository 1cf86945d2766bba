-- Where consent decisions were kept before they became the consents module's: its first migration
-- (modules/consents/migrations/0001_create_decisions.sql) moves them to consents_decisions and
-- drops this table.
-- Consent records: each row is one decision (given or withdrawn) of a person for one purpose,
-- with who recorded it and how; the latest row per purpose is the current state. Rows are never
-- changed, so the history of a consent is its proof.
CREATE TABLE privacy_consents (
    id {{identity}},
    user_id BIGINT NOT NULL REFERENCES accounts_users (id) ON DELETE CASCADE,
    purpose TEXT NOT NULL,
    given INTEGER NOT NULL CHECK (given IN (0, 1)),
    method TEXT NOT NULL CHECK (method IN ('online', 'paper', 'verbal')),
    recorded_at BIGINT NOT NULL,
    recorded_by BIGINT REFERENCES accounts_users (id) ON DELETE SET NULL
);
CREATE INDEX privacy_consents_user ON privacy_consents (user_id, purpose, id);

-- Consent decisions: each row is one decision (given or withdrawn) of a person for one purpose,
-- with who recorded it and how; the latest row per purpose is the current state. Rows are never
-- changed, so the history of a consent is its proof.
CREATE TABLE consents_decisions (
    id {{identity}},
    user_id BIGINT NOT NULL REFERENCES accounts_users (id) ON DELETE CASCADE,
    purpose TEXT NOT NULL,
    given INTEGER NOT NULL CHECK (given IN (0, 1)),
    method TEXT NOT NULL CHECK (method IN ('online', 'paper', 'verbal')),
    recorded_at BIGINT NOT NULL,
    recorded_by BIGINT REFERENCES accounts_users (id) ON DELETE SET NULL
);
CREATE INDEX consents_decisions_user ON consents_decisions (user_id, purpose, id);

-- Decisions recorded before consents became their own module, in the order they were made.
INSERT INTO consents_decisions (user_id, purpose, given, method, recorded_at, recorded_by)
    SELECT user_id, purpose, given, method, recorded_at, recorded_by FROM privacy_consents ORDER BY id;
DROP TABLE privacy_consents;

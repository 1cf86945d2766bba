-- One-time password reset links sent by email; only the SHA-256 digest of a token is stored.
CREATE TABLE auth_password_resets (
    digest TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES auth_users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);
CREATE INDEX auth_password_resets_user ON auth_password_resets (user_id);

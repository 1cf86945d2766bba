-- One-time invitation codes with which a person sets her own password: handed over by a staff
-- member (on paper or as a QR code) when her account is created, or again when she has lost
-- it. Only the SHA-256 digest of a code is stored. A new invitation replaces the unused ones.
CREATE TABLE auth_invitations (
    digest TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES auth_users (id) ON DELETE CASCADE,
    created_by BIGINT REFERENCES auth_users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);
CREATE INDEX auth_invitations_user ON auth_invitations (user_id);

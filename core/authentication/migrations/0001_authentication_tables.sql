-- Authentication's tables, created as the identity module's (core/identity/migrations/), take the
-- name of the room that owns them. Foreign keys that name them follow the rename on both engines.
ALTER TABLE auth_sessions RENAME TO authentication_sessions;
ALTER TABLE auth_totp RENAME TO authentication_totp;
ALTER TABLE auth_recovery_codes RENAME TO authentication_recovery_codes;
ALTER TABLE auth_password_resets RENAME TO authentication_password_resets;
DROP INDEX auth_sessions_user;
CREATE INDEX authentication_sessions_user ON authentication_sessions (user_id);
DROP INDEX auth_sessions_public_id;
CREATE UNIQUE INDEX authentication_sessions_public_id ON authentication_sessions (public_id);
DROP INDEX auth_password_resets_user;
CREATE INDEX authentication_password_resets_user ON authentication_password_resets (user_id);

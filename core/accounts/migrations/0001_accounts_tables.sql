-- The accounts' tables, created as the identity module's (core/identity/migrations/), take the
-- name of the room that owns them. Foreign keys that name them follow the rename on both engines.
ALTER TABLE auth_users RENAME TO accounts_users;
ALTER TABLE auth_invitations RENAME TO accounts_invitations;
ALTER TABLE auth_access_resets RENAME TO accounts_access_resets;
DROP INDEX auth_invitations_user;
CREATE INDEX accounts_invitations_user ON accounts_invitations (user_id);
DROP INDEX auth_access_resets_user;
CREATE INDEX accounts_access_resets_user ON accounts_access_resets (user_id, created_at);

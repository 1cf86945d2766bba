-- The throttle's table, created as the identity module's (core/identity/migrations/), takes the
-- name of the room that owns it.
ALTER TABLE auth_throttle RENAME TO throttle_keys;

-- The secret addresses of calendar feeds: a person subscribes her calendar program to a URL that
-- holds a random token, and the feed's owner is whoever the token belongs to. Only the token's
-- BLAKE2b digest is kept, so that a copy of the database opens no feed. A revoked row stays (until
-- its owner is erased) to show when the address stopped working; each owner has at most one live
-- feed per scope ("cases.worker").
CREATE TABLE calendar_feeds (
    id {{identity}},
    owner_user_id BIGINT NOT NULL REFERENCES accounts_users (id) ON DELETE CASCADE,
    scope TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    revoked_at BIGINT
);
CREATE UNIQUE INDEX calendar_feeds_live ON calendar_feeds (owner_user_id, scope) WHERE revoked_at IS NULL;

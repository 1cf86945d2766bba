-- Each session gets a short public id, random and unrelated to its cookie, by which its owner
-- lists and ends it: the digest that finds a session from its cookie never leaves the server.
-- Sessions begun before have none; they end here, and their people sign in once more.
DELETE FROM auth_sessions;
ALTER TABLE auth_sessions ADD COLUMN public_id TEXT;
CREATE UNIQUE INDEX auth_sessions_public_id ON auth_sessions (public_id);

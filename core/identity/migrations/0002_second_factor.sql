-- Two-factor sign-in: a TOTP secret per account (sealed with the field-encryption keys, bound to
-- its user), one-time recovery codes (only their SHA-256 digests), and the moment each session
-- passed its second factor.
CREATE TABLE auth_totp (
    user_id BIGINT PRIMARY KEY REFERENCES auth_users (id) ON DELETE CASCADE,
    secret TEXT NOT NULL,
    confirmed_at BIGINT,
    -- The last time step whose code was accepted: codes of that step or earlier are refused, so
    -- that a code seen over a shoulder or in a log cannot be used again.
    last_step BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
);

CREATE TABLE auth_recovery_codes (
    user_id BIGINT NOT NULL REFERENCES auth_users (id) ON DELETE CASCADE,
    digest TEXT NOT NULL,
    used_at BIGINT,
    PRIMARY KEY (user_id, digest)
);

ALTER TABLE auth_sessions ADD COLUMN second_factor_at BIGINT;

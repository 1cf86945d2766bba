-- Accounts, organizations, territorial networks, memberships (who holds which role where),
-- sessions and login throttling. Times are epoch milliseconds (UTC).
CREATE TABLE auth_networks (
    id {{identity}},
    name TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL
);

CREATE TABLE auth_organizations (
    id {{identity}},
    name TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('social_service', 'ngo', 'training_provider', 'employer', 'association',
                                       'public_body')),
    created_at BIGINT NOT NULL
);

-- An organization may take part in several networks.
CREATE TABLE auth_network_organizations (
    network_id BIGINT NOT NULL REFERENCES auth_networks (id) ON DELETE CASCADE,
    organization_id BIGINT NOT NULL REFERENCES auth_organizations (id) ON DELETE CASCADE,
    PRIMARY KEY (network_id, organization_id)
);
CREATE INDEX auth_network_organizations_org ON auth_network_organizations (organization_id);

-- email is stored lower-case; participants may have none. password_hash is NULL until the
-- person sets a password (invitation).
CREATE TABLE auth_users (
    id {{identity}},
    email TEXT UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT,
    locale TEXT NOT NULL DEFAULT '',
    disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE auth_memberships (
    id {{identity}},
    user_id BIGINT NOT NULL REFERENCES auth_users (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    organization_id BIGINT REFERENCES auth_organizations (id) ON DELETE CASCADE,
    network_id BIGINT REFERENCES auth_networks (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    created_by BIGINT REFERENCES auth_users (id) ON DELETE SET NULL,
    CHECK ((role IN ('participant', 'community_member', 'mentor', 'case_worker', 'trainer', 'coordinator', 'org_admin')
            AND organization_id IS NOT NULL AND network_id IS NULL)
        OR (role = 'network_coordinator' AND network_id IS NOT NULL AND organization_id IS NULL)
        OR (role = 'platform_admin' AND organization_id IS NULL AND network_id IS NULL))
);
CREATE UNIQUE INDEX auth_memberships_unique
    ON auth_memberships (user_id, role, COALESCE(organization_id, 0), COALESCE(network_id, 0));
CREATE INDEX auth_memberships_org ON auth_memberships (organization_id);

-- A session is found by the SHA-256 digest of its id; the id itself is only in the cookie.
CREATE TABLE auth_sessions (
    digest TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES auth_users (id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    remote TEXT NOT NULL DEFAULT '',
    user_agent TEXT NOT NULL DEFAULT ''
);
CREATE INDEX auth_sessions_user ON auth_sessions (user_id);

-- Failed sign-ins per key ("account:<email>" or "address:<ip>") in the current window, and the
-- time until which the key is locked out.
CREATE TABLE auth_throttle (
    key TEXT PRIMARY KEY,
    failures INTEGER NOT NULL,
    window_start BIGINT NOT NULL,
    locked_until BIGINT NOT NULL DEFAULT 0
);

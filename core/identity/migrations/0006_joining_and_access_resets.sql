-- One-time codes with which a person who already has an account joins another organization:
-- staff hand the code over and she accepts it while signed in, so that nobody's account is
-- attached to an organization on someone else's word. Only the SHA-256 digest is stored.
CREATE TABLE auth_membership_invitations (
    digest TEXT PRIMARY KEY,
    organization_id BIGINT NOT NULL REFERENCES auth_organizations (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('participant', 'community_member', 'mentor', 'case_worker', 'trainer',
                                       'coordinator', 'org_admin')),
    created_by BIGINT REFERENCES auth_users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT,
    used_by BIGINT REFERENCES auth_users (id) ON DELETE SET NULL
);
CREATE INDEX auth_membership_invitations_org ON auth_membership_invitations (organization_id);

-- A new invitation code given by staff for an account whose owner had set her own passphrase
-- (the way back in for someone without email): with the written reason, so that she is told at
-- sign-in who gave it and when.
CREATE TABLE auth_access_resets (
    id {{identity}},
    user_id BIGINT NOT NULL REFERENCES auth_users (id) ON DELETE CASCADE,
    by_user_id BIGINT REFERENCES auth_users (id) ON DELETE SET NULL,
    reason TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX auth_access_resets_user ON auth_access_resets (user_id, created_at);

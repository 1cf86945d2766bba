-- The women an organization follows, and their cases. A woman has a record before she has an
-- account (user_id is set when her account is linked); she is known by the name she chose and by
-- a pseudonymous code, which reports use instead of her name.
CREATE TABLE cases_women (
    id {{identity}},
    organization_id BIGINT NOT NULL REFERENCES tenancy_organizations (id) ON DELETE CASCADE,
    user_id BIGINT REFERENCES accounts_users (id) ON DELETE SET NULL,
    chosen_name TEXT NOT NULL,
    code TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX cases_women_user ON cases_women (user_id);

-- A case: the organization's following of one woman, in one state at a time (model.hpp). Its
-- version counts its changes (If-Match).
CREATE TABLE cases_cases (
    id {{identity}},
    woman_id BIGINT NOT NULL REFERENCES cases_women (id) ON DELETE CASCADE,
    organization_id BIGINT NOT NULL REFERENCES tenancy_organizations (id) ON DELETE CASCADE,
    state TEXT NOT NULL CHECK (state IN ('referred', 'intake', 'active', 'suspended', 'closed')),
    outcome TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    opened_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX cases_cases_organization ON cases_cases (organization_id, id);

-- Who follows a case: its lead worker (one) and other members. What a case worker may read of the
-- cases is decided by this table (the policy's "assigned" scope).
CREATE TABLE cases_team (
    case_id BIGINT NOT NULL REFERENCES cases_cases (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES accounts_users (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('lead', 'member')),
    added_at BIGINT NOT NULL,
    PRIMARY KEY (case_id, user_id)
);
CREATE INDEX cases_team_user ON cases_team (user_id, case_id);
CREATE UNIQUE INDEX cases_team_one_lead ON cases_team (case_id) WHERE role = 'lead';

-- Every change of a case's state, with who made it and why (the reason sealed with the field
-- encryption keys, bound to its case): the case's history, never changed.
CREATE TABLE cases_transitions (
    id {{identity}},
    case_id BIGINT NOT NULL REFERENCES cases_cases (id) ON DELETE CASCADE,
    from_state TEXT NOT NULL,
    to_state TEXT NOT NULL,
    outcome TEXT,
    reason TEXT,
    by_user_id BIGINT REFERENCES accounts_users (id) ON DELETE SET NULL,
    at BIGINT NOT NULL
);
CREATE INDEX cases_transitions_case ON cases_transitions (case_id, id);

-- The multidisciplinary team ("équipe REI"): a team of an organization, created by its
-- coordinator, with members from the organizations of its networks. A case is shared with a team
-- only with her consent: her consent record (cases.team_sharing) when she has an account, else
-- what the worker recorded on the share (how, by whom, when). Meetings have an agenda of shared
-- cases; each item's minutes and decisions are sealed with the field encryption keys, bound to the
-- case; a decision is an action of her plan.
CREATE TABLE cases_mdt_teams (
    id {{identity}},
    organization_id BIGINT NOT NULL REFERENCES tenancy_organizations (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    created_by BIGINT REFERENCES accounts_users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX cases_mdt_teams_organization ON cases_mdt_teams (organization_id, id);

CREATE TABLE cases_mdt_members (
    team_id BIGINT NOT NULL REFERENCES cases_mdt_teams (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES accounts_users (id) ON DELETE CASCADE,
    organization_id BIGINT NOT NULL REFERENCES tenancy_organizations (id) ON DELETE CASCADE,
    added_at BIGINT NOT NULL,
    PRIMARY KEY (team_id, user_id)
);
CREATE INDEX cases_mdt_members_user ON cases_mdt_members (user_id, team_id);

CREATE TABLE cases_mdt_shares (
    team_id BIGINT NOT NULL REFERENCES cases_mdt_teams (id) ON DELETE CASCADE,
    case_id BIGINT NOT NULL REFERENCES cases_cases (id) ON DELETE CASCADE,
    shared_by BIGINT REFERENCES accounts_users (id) ON DELETE SET NULL,
    shared_at BIGINT NOT NULL,
    -- Her consent as the worker recorded it, for a woman without an account; null when her own
    -- consent record decides.
    consent_method TEXT CHECK (consent_method IN ('paper', 'verbal')),
    consent_by BIGINT REFERENCES accounts_users (id) ON DELETE SET NULL,
    consent_at BIGINT,
    PRIMARY KEY (team_id, case_id)
);
CREATE INDEX cases_mdt_shares_case ON cases_mdt_shares (case_id, team_id);

CREATE TABLE cases_mdt_meetings (
    id {{identity}},
    team_id BIGINT NOT NULL REFERENCES cases_mdt_teams (id) ON DELETE CASCADE,
    starts_at BIGINT NOT NULL,
    place TEXT NOT NULL,
    created_by BIGINT REFERENCES accounts_users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX cases_mdt_meetings_team ON cases_mdt_meetings (team_id, starts_at);

CREATE TABLE cases_mdt_agenda (
    id {{identity}},
    meeting_id BIGINT NOT NULL REFERENCES cases_mdt_meetings (id) ON DELETE CASCADE,
    case_id BIGINT NOT NULL REFERENCES cases_cases (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    minutes TEXT,
    minutes_by BIGINT REFERENCES accounts_users (id) ON DELETE SET NULL,
    minutes_at BIGINT,
    UNIQUE (meeting_id, case_id)
);
CREATE INDEX cases_mdt_agenda_case ON cases_mdt_agenda (case_id);

CREATE TABLE cases_mdt_decisions (
    id {{identity}},
    item_id BIGINT NOT NULL REFERENCES cases_mdt_agenda (id) ON DELETE CASCADE,
    case_id BIGINT NOT NULL REFERENCES cases_cases (id) ON DELETE CASCADE,
    text TEXT,
    owner TEXT NOT NULL CHECK (owner IN ('her', 'worker', 'partner')),
    owner_user_id BIGINT REFERENCES accounts_users (id) ON DELETE SET NULL,
    owner_organization_id BIGINT REFERENCES tenancy_organizations (id) ON DELETE SET NULL,
    due_on TEXT NOT NULL,
    -- The action of her plan it became (the plan's actions are replaced when it is revised).
    plan_action_id BIGINT,
    decided_by BIGINT REFERENCES accounts_users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX cases_mdt_decisions_item ON cases_mdt_decisions (item_id, id);
CREATE INDEX cases_mdt_decisions_case ON cases_mdt_decisions (case_id);

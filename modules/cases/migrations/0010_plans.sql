-- The personalized project agreed with her: one plan per case, at a version that counts its
-- revisions (If-Match). Its review dates are calendar days, as a JSON array.
CREATE TABLE cases_plans (
    case_id BIGINT PRIMARY KEY REFERENCES cases_cases (id) ON DELETE CASCADE,
    version BIGINT NOT NULL,
    agreed_on TEXT NOT NULL,
    reviews TEXT NOT NULL,
    updated_by BIGINT REFERENCES accounts_users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

-- Its goals, one domain of her autonomy each, with what she aims at and how it is measured (both
-- sealed, bound to the case), and the assessment score she aims at in that domain, if any.
CREATE TABLE cases_plan_goals (
    id {{identity}},
    case_id BIGINT NOT NULL REFERENCES cases_plans (case_id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    domain TEXT NOT NULL CHECK (domain IN ('language', 'documents', 'housing', 'health', 'work', 'education',
                                           'money', 'digital', 'social')),
    statement TEXT NOT NULL,
    target TEXT NOT NULL,
    target_score INTEGER CHECK (target_score BETWEEN 1 AND 5)
);
CREATE INDEX cases_plan_goals_case ON cases_plan_goals (case_id, position);

-- The actions toward a goal: what is done (sealed), by whom (she, a worker of her team, or a
-- partner organization), by when, and how far it is.
CREATE TABLE cases_plan_actions (
    id {{identity}},
    case_id BIGINT NOT NULL REFERENCES cases_plans (case_id) ON DELETE CASCADE,
    goal_id BIGINT NOT NULL REFERENCES cases_plan_goals (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    owner_kind TEXT NOT NULL CHECK (owner_kind IN ('her', 'worker', 'partner')),
    owner_user_id BIGINT REFERENCES accounts_users (id) ON DELETE SET NULL,
    owner_organization_id BIGINT REFERENCES tenancy_organizations (id) ON DELETE SET NULL,
    due_on TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('planned', 'in_progress', 'done', 'dropped')),
    done_at BIGINT
);
CREATE INDEX cases_plan_actions_goal ON cases_plan_actions (goal_id, position);
-- The open actions by day: the caseload's "overdue actions" filter.
CREATE INDEX cases_plan_actions_open ON cases_plan_actions (case_id, due_on) WHERE state IN ('planned', 'in_progress');

-- Every version of the plan as it was agreed, and what changed from the one before (both sealed,
-- as JSON, bound to the case): the plan's history, never changed.
CREATE TABLE cases_plan_versions (
    case_id BIGINT NOT NULL REFERENCES cases_plans (case_id) ON DELETE CASCADE,
    version BIGINT NOT NULL,
    content TEXT NOT NULL,
    changes TEXT NOT NULL,
    by_user_id BIGINT REFERENCES accounts_users (id) ON DELETE SET NULL,
    at BIGINT NOT NULL,
    PRIMARY KEY (case_id, version)
);

-- Break the glass: a worker of the case's organization who is not on its team reads it for a
-- while, having written why (sealed with the field encryption keys, bound to the case). While a
-- grant runs she counts as assigned to the case; its lead worker is told.
CREATE TABLE cases_glass_breaks (
    id {{identity}},
    case_id BIGINT NOT NULL REFERENCES cases_cases (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES accounts_users (id) ON DELETE CASCADE,
    reason TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX cases_glass_breaks_case ON cases_glass_breaks (case_id, user_id, expires_at);
CREATE INDEX cases_glass_breaks_user ON cases_glass_breaks (user_id, expires_at);

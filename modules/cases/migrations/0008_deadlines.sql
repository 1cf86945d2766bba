-- Deadlines that decide a life: a residence permit to renew, a step of the asylum procedure, a
-- benefit renewal, a school enrolment; each with its due date (a calendar day) and the documents
-- it needs. Its title and documents are sealed with the field encryption keys, bound to the case.
-- Open until done; overdue when its day has passed.
CREATE TABLE cases_deadlines (
    id {{identity}},
    case_id BIGINT NOT NULL REFERENCES cases_cases (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('residence_permit', 'asylum_step', 'benefit_renewal', 'school_enrolment',
                                       'other')),
    title TEXT NOT NULL,
    due_on TEXT NOT NULL,
    documents TEXT NOT NULL,
    done_at BIGINT,
    created_by BIGINT REFERENCES accounts_users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX cases_deadlines_case ON cases_deadlines (case_id, due_on);
CREATE INDEX cases_deadlines_open ON cases_deadlines (due_on, id) WHERE done_at IS NULL;

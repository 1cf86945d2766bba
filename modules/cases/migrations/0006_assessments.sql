-- The autonomy assessments of a case: at a time, by a worker of its team, a score from 1 to 5 in
-- some of the domains of her life (assessments/model.hpp), each with a note of her worker's. The
-- note is sealed with the field encryption keys, bound to its case; the scores are in the clear,
-- for the progress chart and for counts.
CREATE TABLE cases_assessments (
    id {{identity}},
    case_id BIGINT NOT NULL REFERENCES cases_cases (id) ON DELETE CASCADE,
    by_user_id BIGINT REFERENCES accounts_users (id) ON DELETE SET NULL,
    assessed_at BIGINT NOT NULL,
    recorded_at BIGINT NOT NULL
);
CREATE INDEX cases_assessments_case ON cases_assessments (case_id, assessed_at, id);

-- One score of an assessment: a domain is scored once in it. case_id repeats the assessment's,
-- the record the sealed note is bound to.
CREATE TABLE cases_assessment_scores (
    assessment_id BIGINT NOT NULL REFERENCES cases_assessments (id) ON DELETE CASCADE,
    case_id BIGINT NOT NULL REFERENCES cases_cases (id) ON DELETE CASCADE,
    domain TEXT NOT NULL CHECK (domain IN ('language', 'documents', 'housing', 'health', 'work', 'education',
                                           'money', 'digital', 'social')),
    score INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    note TEXT,
    PRIMARY KEY (assessment_id, domain)
);
CREATE INDEX cases_assessment_scores_case ON cases_assessment_scores (case_id);

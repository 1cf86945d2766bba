-- The reminders of a deadline that were sent (deadlines/reminders.hpp): one row per deadline, lead
-- (days before its day) and audience (her team, or her), written in the transaction that sends
-- it, so that each reminder goes once however often the job runs. Nothing in it names her.
CREATE TABLE cases_deadline_reminders (
    deadline_id BIGINT NOT NULL REFERENCES cases_deadlines (id) ON DELETE CASCADE,
    lead_days INTEGER NOT NULL,
    audience TEXT NOT NULL CHECK (audience IN ('team', 'her')),
    sent_at BIGINT NOT NULL,
    PRIMARY KEY (deadline_id, lead_days, audience)
);

-- When a case closed past the retention period was anonymized (retention.hpp): NULL until then.
-- The partial index keeps the retention job's search to the closed cases not yet anonymized.
ALTER TABLE cases_cases ADD COLUMN anonymized_at BIGINT;
CREATE INDEX cases_cases_closed ON cases_cases (id) WHERE state = 'closed' AND anonymized_at IS NULL;

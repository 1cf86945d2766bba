-- What search compares: her chosen name and her code, folded (accents and case removed, as
-- i18n::FoldForSearch does). Records made before this column hold a lower-cased copy until they
-- are next written.
ALTER TABLE cases_women ADD COLUMN search_text TEXT NOT NULL DEFAULT '';
UPDATE cases_women SET search_text = lower(chosen_name || ' ' || code);

-- The timeline of a case: everything that happened on it, newest last, each entry with who did it
-- and when. Its detail (JSON, which may name people and reasons) is sealed with the field
-- encryption keys, bound to its case; the kind alone is in the clear, for filters and counts.
CREATE TABLE cases_events (
    id {{identity}},
    case_id BIGINT NOT NULL REFERENCES cases_cases (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    by_user_id BIGINT REFERENCES accounts_users (id) ON DELETE SET NULL,
    at BIGINT NOT NULL,
    detail TEXT
);
CREATE INDEX cases_events_case ON cases_events (case_id, id);

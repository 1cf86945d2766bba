-- The case of a woman, found by her record: the caseload's search finds women first, and deleting
-- a woman cascades to her cases.
CREATE INDEX cases_cases_woman ON cases_cases (woman_id);

-- On PostgreSQL the caseload's search is served by the trigram index of migration 0013 (pg_trgm),
-- which LIKE uses as it is: nothing to add.
SELECT 1;

-- Number 10 is taken by a change made alongside this one; this file holds its place until that
-- change lands and replaces it.
SELECT 1;

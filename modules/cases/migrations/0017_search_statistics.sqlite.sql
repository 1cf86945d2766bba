-- The caseload's search asks its trigram index (migration 0014) for every three-letter piece of
-- what she typed. A piece that most women share (of a word in every name, or the " w-" before
-- every code) has a list of every woman to read and merge, and makes the search slow whatever
-- else it holds. The search leaves the common pieces out when it has rarer ones, and tests the
-- whole substring on the few women those name (search.hpp). Which pieces are common is counted
-- by a recurring job into this one row: a JSON array of the trigrams held by more than a
-- threshold of women, counted out of `women`.
CREATE TABLE cases_search_statistics (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    women INTEGER NOT NULL,
    common_trigrams TEXT NOT NULL,
    counted_at INTEGER NOT NULL
);
-- The index's vocabulary with the number of women who hold each trigram, read by that job.
CREATE VIRTUAL TABLE cases_women_search_vocabulary USING fts5vocab(cases_women_search, 'row');

-- The caseload's search asks its trigram index (migration 0013) for the three-letter pieces of
-- what she typed. A piece that most women share (of a word in every name) has a posting list of
-- every woman, and makes the search slow whatever else it holds. The search
-- leaves the common pieces out when it has rarer ones, and tests the whole substring on the few
-- women those name (search.hpp). Which pieces are common is counted by a recurring job into this
-- one row: a JSON array of the trigrams held by more than a threshold of women, out of `women`.
CREATE TABLE cases_search_statistics (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    women BIGINT NOT NULL,
    common_trigrams TEXT NOT NULL,
    counted_at BIGINT NOT NULL
);
-- The trigram index without its pending list: with it (the default), new entries wait in an
-- unsorted list that every search reads whole, until the list reaches gin_pending_list_limit
-- (4 MB) or a vacuum merges it; after 100,000 women were added at once a search took 6.4 ms
-- instead of 1.3 ms. Women are added far less often than they are searched for, and each now
-- writes her entries into the index at once. The entries pending now are merged here, the
-- index locked meanwhile (a second at 100,000 women).
ALTER INDEX cases_women_search SET (fastupdate = off);
SELECT gin_clean_pending_list('cases_women_search'::regclass);

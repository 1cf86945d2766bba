-- The indexes of the directory's search (0002) on PostgreSQL.

-- The words, by PostgreSQL's full-text search with the 'simple' configuration (no stemming, as
-- the text is in any of the launch languages and already folded), ranked by ts_rank. The vector is
-- kept in its column, so that testing an entry near a point for the words does not cut its text
-- again.
ALTER TABLE directory_entries
    ADD COLUMN search_vector tsvector GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED;
CREATE INDEX directory_entries_text ON directory_entries USING GIN (search_vector);

-- The places, by a GiST index of points (longitude, latitude): a search near a point reads the box
-- around its radius (the <@ operator), as SQLite's R*Tree does.
CREATE INDEX directory_entries_place ON directory_entries USING GIST (point(longitude, latitude))
    WHERE latitude IS NOT NULL;

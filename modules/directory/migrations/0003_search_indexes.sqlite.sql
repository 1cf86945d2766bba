-- The indexes of the directory's search (0002) on SQLite.

-- The words, by FTS5 (an external-content index kept in step by the triggers), for the text
-- search with its relevance (bm25).
CREATE VIRTUAL TABLE directory_entries_text USING fts5(
    search_text, content = 'directory_entries', content_rowid = 'id', tokenize = 'unicode61'
);
CREATE TRIGGER directory_entries_text_insert AFTER INSERT ON directory_entries BEGIN
    INSERT INTO directory_entries_text (rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TRIGGER directory_entries_text_delete AFTER DELETE ON directory_entries BEGIN
    INSERT INTO directory_entries_text (directory_entries_text, rowid, search_text)
    VALUES ('delete', old.id, old.search_text);
END;

-- The places, by an R*Tree of points: a search near a point reads the box around its radius.
CREATE VIRTUAL TABLE directory_entries_place USING rtree(id, min_latitude, max_latitude, min_longitude, max_longitude);
CREATE TRIGGER directory_entries_place_insert AFTER INSERT ON directory_entries WHEN new.latitude IS NOT NULL BEGIN
    INSERT INTO directory_entries_place VALUES (new.id, new.latitude, new.latitude, new.longitude, new.longitude);
END;
CREATE TRIGGER directory_entries_place_delete AFTER DELETE ON directory_entries BEGIN
    DELETE FROM directory_entries_place WHERE id = old.id;
END;

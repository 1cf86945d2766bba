-- The caseload's search finds a substring of her folded name and code. LIKE '%...%' reads every
-- woman of the database (25 ms at 100,000); a trigram full-text index (FTS5, built into SQLite)
-- finds the few who hold every three-letter piece of the words sought, and the search then reads
-- their cases alone. It is an external-content index over cases_women.search_text, kept in step
-- by the triggers below; searches of fewer than three letters, which no trigram serves, still use
-- LIKE.
CREATE VIRTUAL TABLE cases_women_search USING fts5(
    search_text, content = 'cases_women', content_rowid = 'id', tokenize = 'trigram'
);
INSERT INTO cases_women_search (cases_women_search) VALUES ('rebuild');

CREATE TRIGGER cases_women_search_insert AFTER INSERT ON cases_women BEGIN
    INSERT INTO cases_women_search (rowid, search_text) VALUES (new.id, new.search_text);
END;
CREATE TRIGGER cases_women_search_delete AFTER DELETE ON cases_women BEGIN
    INSERT INTO cases_women_search (cases_women_search, rowid, search_text) VALUES ('delete', old.id, old.search_text);
END;
CREATE TRIGGER cases_women_search_update AFTER UPDATE OF search_text ON cases_women BEGIN
    INSERT INTO cases_women_search (cases_women_search, rowid, search_text) VALUES ('delete', old.id, old.search_text);
    INSERT INTO cases_women_search (rowid, search_text) VALUES (new.id, new.search_text);
END;

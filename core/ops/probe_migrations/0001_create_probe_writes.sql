-- Tables of the test-only probe routes (serve --test-routes): each write is a header row and its
-- items, written in one transaction, so a test can detect a half-written write.
CREATE TABLE probe_writes (
    write_key TEXT PRIMARY KEY,
    item_count INTEGER NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE probe_write_items (
    write_key TEXT NOT NULL REFERENCES probe_writes (write_key),
    seq INTEGER NOT NULL,
    PRIMARY KEY (write_key, seq)
);

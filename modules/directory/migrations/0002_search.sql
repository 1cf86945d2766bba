-- What the directory's search reads (search.hpp): one entry per service at a location, or one for
-- a service with no location (a helpline), rebuilt from the records whenever an import writes
-- them. An entry of a confidential location has no coordinates: it is neither on the map nor
-- found by distance. `name` is the service's folded name (the sort by name), `place_name` the
-- location's name as written (empty: none), `search_text` the folded words it is found by,
-- `time_zone` the IANA zone its opening hours are told in.
CREATE TABLE directory_entries (
    id {{identity}},
    service_id BIGINT NOT NULL REFERENCES directory_services (id) ON DELETE CASCADE,
    location_id BIGINT REFERENCES directory_locations (id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    name TEXT NOT NULL,
    place_name TEXT NOT NULL,
    latitude DOUBLE PRECISION,
    longitude DOUBLE PRECISION,
    time_zone TEXT NOT NULL,
    search_text TEXT NOT NULL,
    CHECK ((latitude IS NULL) = (longitude IS NULL))
);
CREATE INDEX directory_entries_service ON directory_entries (service_id);
CREATE INDEX directory_entries_location ON directory_entries (location_id);
CREATE INDEX directory_entries_name ON directory_entries (name, id);

-- The time zones of the entries, each once: a search for what is open now asks the time in each.
CREATE TABLE directory_time_zones (
    zone TEXT PRIMARY KEY
);

-- The languages spoken, as ISO 639 codes in lower case (the service's and its location's).
CREATE TABLE directory_entry_languages (
    entry_id BIGINT NOT NULL REFERENCES directory_entries (id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    PRIMARY KEY (entry_id, code)
);
CREATE INDEX directory_entry_languages_code ON directory_entry_languages (code, entry_id);

-- Weekly opening hours in the entry's time zone: the day (ISO, 1 Monday to 7 Sunday) and the
-- minutes of the day it opens and closes, within the dates the schedule is valid (YYYY-MM-DD,
-- NULL: without bound).
CREATE TABLE directory_entry_hours (
    entry_id BIGINT NOT NULL REFERENCES directory_entries (id) ON DELETE CASCADE,
    day INTEGER NOT NULL CHECK (day BETWEEN 1 AND 7),
    opens INTEGER NOT NULL CHECK (opens BETWEEN 0 AND 1439),
    closes INTEGER NOT NULL CHECK (closes BETWEEN 1 AND 1440 AND closes > opens),
    valid_from TEXT,
    valid_to TEXT
);
CREATE INDEX directory_entry_hours_entry ON directory_entry_hours (entry_id, day);

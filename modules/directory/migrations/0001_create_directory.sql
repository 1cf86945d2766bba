-- The service directory on Open Referral HSDS 3.0. Each HSDS object that has a row of its own
-- keeps its HSDS id (hsds_id, a UUID, as HSDS requires), the columns the directory searches and
-- filters on, and its document: the object as HSDS writes it (JSON) with what it owns (phones,
-- schedules, languages, contacts, attributes, ...), without the objects that have rows of their
-- own here, which an export puts back (model.hpp). Organizations are those of the territory,
-- whether or not they use Ponte. modified_at is when an import last wrote the row.
CREATE TABLE directory_organizations (
    id {{identity}},
    hsds_id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    document TEXT NOT NULL,
    modified_at BIGINT NOT NULL
);

CREATE TABLE directory_services (
    id {{identity}},
    hsds_id TEXT NOT NULL UNIQUE,
    organization_id BIGINT NOT NULL REFERENCES directory_organizations (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('active', 'inactive', 'defunct', 'temporarily closed')),
    document TEXT NOT NULL,
    modified_at BIGINT NOT NULL
);
CREATE INDEX directory_services_organization ON directory_services (organization_id, id);
CREATE INDEX directory_services_modified ON directory_services (modified_at, id);

-- A confidential location (a shelter) has no coordinates here and its place (addresses,
-- coordinates, directions) sealed in `place`, bound to its row: only trusted readers open it.
CREATE TABLE directory_locations (
    id {{identity}},
    hsds_id TEXT NOT NULL UNIQUE,
    organization_id BIGINT REFERENCES directory_organizations (id) ON DELETE CASCADE,
    latitude DOUBLE PRECISION,
    longitude DOUBLE PRECISION,
    confidential INTEGER NOT NULL DEFAULT 0 CHECK (confidential IN (0, 1)),
    place TEXT,
    document TEXT NOT NULL,
    modified_at BIGINT NOT NULL,
    CHECK (confidential = 0 OR (latitude IS NULL AND longitude IS NULL)),
    CHECK ((latitude IS NULL) = (longitude IS NULL))
);
CREATE INDEX directory_locations_organization ON directory_locations (organization_id);

CREATE TABLE directory_service_at_locations (
    id {{identity}},
    hsds_id TEXT NOT NULL UNIQUE,
    service_id BIGINT NOT NULL REFERENCES directory_services (id) ON DELETE CASCADE,
    location_id BIGINT NOT NULL REFERENCES directory_locations (id) ON DELETE CASCADE,
    document TEXT NOT NULL,
    modified_at BIGINT NOT NULL
);
CREATE INDEX directory_service_at_locations_service ON directory_service_at_locations (service_id, id);
CREATE INDEX directory_service_at_locations_location ON directory_service_at_locations (location_id);

CREATE TABLE directory_taxonomies (
    id {{identity}},
    hsds_id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    document TEXT NOT NULL,
    modified_at BIGINT NOT NULL
);

-- parent_hsds_id names the broader term by its HSDS id: a term may name a parent the directory
-- does not hold (HSDS lets a directory carry part of a taxonomy).
CREATE TABLE directory_taxonomy_terms (
    id {{identity}},
    hsds_id TEXT NOT NULL UNIQUE,
    taxonomy_id BIGINT REFERENCES directory_taxonomies (id) ON DELETE SET NULL,
    parent_hsds_id TEXT,
    code TEXT,
    name TEXT NOT NULL,
    document TEXT NOT NULL,
    modified_at BIGINT NOT NULL
);
CREATE INDEX directory_taxonomy_terms_taxonomy ON directory_taxonomy_terms (taxonomy_id, id);

-- The terms a service's attributes name: the category filter of the search.
CREATE TABLE directory_service_terms (
    service_id BIGINT NOT NULL REFERENCES directory_services (id) ON DELETE CASCADE,
    term_id BIGINT NOT NULL REFERENCES directory_taxonomy_terms (id) ON DELETE CASCADE,
    PRIMARY KEY (service_id, term_id)
);
CREATE INDEX directory_service_terms_term ON directory_service_terms (term_id, service_id);

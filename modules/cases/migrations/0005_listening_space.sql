-- The listening space: the places where an organization receives women, with their time zone and
-- opening hours (JSON: [{"weekday": 1-7, "opens": minute, "closes": minute}]); its interpreters
-- and cultural mediators with the languages they speak (JSON: BCP 47 tags); and the appointments
-- of each case (booked, attended, cancelled or missed), with her worker and, when she needs one,
-- an interpreter for a language. A cancellation's reason is sealed, bound to the case.
CREATE TABLE cases_places (
    id {{identity}},
    organization_id BIGINT NOT NULL REFERENCES tenancy_organizations (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    address TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    hours TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX cases_places_organization ON cases_places (organization_id, id);

CREATE TABLE cases_interpreters (
    id {{identity}},
    organization_id BIGINT NOT NULL REFERENCES tenancy_organizations (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    languages TEXT NOT NULL,
    contact TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX cases_interpreters_organization ON cases_interpreters (organization_id, id);

CREATE TABLE cases_appointments (
    id {{identity}},
    case_id BIGINT NOT NULL REFERENCES cases_cases (id) ON DELETE CASCADE,
    place_id BIGINT NOT NULL REFERENCES cases_places (id) ON DELETE CASCADE,
    worker_user_id BIGINT REFERENCES accounts_users (id) ON DELETE SET NULL,
    interpreter_id BIGINT REFERENCES cases_interpreters (id) ON DELETE SET NULL,
    interpreter_language TEXT,
    visit TEXT NOT NULL CHECK (visit IN ('intake', 'follow_up', 'walk_in')),
    state TEXT NOT NULL CHECK (state IN ('booked', 'attended', 'cancelled', 'no_show')),
    starts_at BIGINT NOT NULL,
    ends_at BIGINT NOT NULL CHECK (ends_at > starts_at),
    reason TEXT,
    booked_by BIGINT REFERENCES accounts_users (id) ON DELETE SET NULL,
    booked_at BIGINT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX cases_appointments_case ON cases_appointments (case_id, starts_at);
CREATE INDEX cases_appointments_worker ON cases_appointments (worker_user_id, starts_at);
CREATE INDEX cases_appointments_interpreter ON cases_appointments (interpreter_id, starts_at);

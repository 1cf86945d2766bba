-- What her workers know of her, in three parts that are read and written apart, each sealed with
-- the field encryption keys (bound to her record) and counted by its own version (If-Match): her
-- profile (languages, children), her safe-contact rules, and her sensitive attributes (violence,
-- health, legal status). A part never written is null, at version 1.
CREATE TABLE cases_profiles (
    woman_id BIGINT PRIMARY KEY REFERENCES cases_women (id) ON DELETE CASCADE,
    profile TEXT,
    profile_version BIGINT NOT NULL DEFAULT 1,
    safe_contact TEXT,
    safe_contact_version BIGINT NOT NULL DEFAULT 1,
    sensitive TEXT,
    sensitive_version BIGINT NOT NULL DEFAULT 1,
    updated_at BIGINT NOT NULL
);

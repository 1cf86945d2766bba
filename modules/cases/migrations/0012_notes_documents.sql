-- What her workers write down about a case, and the documents they keep with it (a permit, a
-- letter, a photo of a paper). A note's text and a document's name are sealed with the field
-- encryption keys, bound to the case; a document's bytes are sealed in a file of the files folder
-- (its stored name here), bound to the case and that name. Each is seen by her team ("team") or
-- also shared with her ("her"), for her own view of her case.
CREATE TABLE cases_notes (
    id {{identity}},
    case_id BIGINT NOT NULL REFERENCES cases_cases (id) ON DELETE CASCADE,
    visibility TEXT NOT NULL CHECK (visibility IN ('team', 'her')),
    text TEXT NOT NULL,
    author_id BIGINT REFERENCES accounts_users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX cases_notes_case ON cases_notes (case_id, created_at, id);

CREATE TABLE cases_documents (
    id {{identity}},
    case_id BIGINT NOT NULL REFERENCES cases_cases (id) ON DELETE CASCADE,
    visibility TEXT NOT NULL CHECK (visibility IN ('team', 'her')),
    name TEXT NOT NULL,
    media_type TEXT NOT NULL,
    size_bytes BIGINT NOT NULL,
    stored_as TEXT NOT NULL UNIQUE,
    uploaded_by BIGINT REFERENCES accounts_users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX cases_documents_case ON cases_documents (case_id, created_at, id);

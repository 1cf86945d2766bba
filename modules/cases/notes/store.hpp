// The notes of a case (cases_notes): what her workers write down, the text sealed and bound to
// the case. SQL is in store.cpp as named constants with bound parameters; every function runs on
// the caller's connection.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/crypto/keyring.hpp"
#include "core/db/database.hpp"
#include "core/page.hpp"

namespace ponte::cases {

inline constexpr const char* kVisibilities[] = {"team", "her"};

struct Note {
    std::int64_t id = 0;
    std::int64_t case_id = 0;
    std::string visibility;  // "team" or "her" (shared with her)
    std::string text;        // sealed
    std::int64_t author_id = 0;
    std::int64_t created_at = 0;
};

// Adds the note (its text sealed); returns its id.
std::int64_t InsertNote(db::Connection& connection, const crypto::Keyring& keyring, const Note& note,
                        std::int64_t now_ms);
// A page of the case's notes, newest first.
core::Page<Note> SelectNotes(db::Connection& connection, const crypto::Keyring& keyring, std::int64_t case_id,
                             const core::PageRequest& page);
// Every note of the case, newest first; `shared_only`: those shared with her (her own view).
std::vector<Note> NotesOfCase(db::Connection& connection, const crypto::Keyring& keyring, std::int64_t case_id,
                              bool shared_only = false);

// The context of the sealed text, bound to the case.
std::string CaseNoteContext(std::int64_t case_id);

}  // namespace ponte::cases

// The use cases of notes, free of HTTP. A note belongs to a case (reached with ReachCase): written
// by its workers, read with the case. Every write and read is audited; a new note is on the
// case's timeline (its visibility, not its text).
#pragma once

#include "modules/cases/actions.hpp"
#include "modules/cases/notes/store.hpp"

namespace ponte::cases {

// Adds the caller's note to the case. kInvalidFields naming case ("closed"). Audited.
core::Outcome<Note> AddNote(const Module& module, const policy::Principal& caller, audit::Entry request,
                            const Reached& reached, Note note);

// A page of the case's notes, newest first. Audited.
core::Page<Note> ReadNotes(const Module& module, audit::Entry request, const Reached& reached,
                           const core::PageRequest& page);

}  // namespace ponte::cases

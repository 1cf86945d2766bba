#include "modules/cases/notes/actions.hpp"

#include <boost/json.hpp>

#include "core/feature.hpp"

namespace ponte::cases {

core::Outcome<Note> AddNote(const Module& module, const policy::Principal& caller, audit::Entry request,
                            const Reached& reached, Note note) {
    if (reached.record.state == State::kClosed) return core::Failure::Invalid("case", "closed");
    note.case_id = reached.record.id;
    note.author_id = caller.user_id;
    module.database().Transact([&](db::Connection& connection) {
        note.created_at = core::NowMs();
        note.id = InsertNote(connection, module.keyring(), note, note.created_at);
        AppendEvent(connection, module.keyring(), note.case_id,
                    {.kind = "note_added",
                     .by_user_id = caller.user_id,
                     .at = note.created_at,
                     .detail = {{"note_id", note.id}, {"visibility", note.visibility}}});
        request.outcome = "ok";
        request.detail = boost::json::serialize(boost::json::object{{"note_id", note.id}});
        audit::Append(connection, request, note.created_at);
    });
    return note;
}

core::Page<Note> ReadNotes(const Module& module, audit::Entry request, const Reached& reached,
                           const core::PageRequest& page) {
    auto notes = SelectNotes(*module.database().Acquire(), module.keyring(), reached.record.id, page);
    request.outcome = "ok";
    request.detail = boost::json::serialize(boost::json::object{{"count", notes.items.size()}});
    audit::Record(module.database(), request, core::NowMs());
    return notes;
}

}  // namespace ponte::cases

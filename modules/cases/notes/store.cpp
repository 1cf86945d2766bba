#include "modules/cases/notes/store.hpp"

namespace ponte::cases {
namespace {

constexpr std::string_view kInsertNote =
    "INSERT INTO cases_notes (case_id, visibility, text, author_id, created_at) VALUES ($1, $2, $3, $4, $5) "
    "RETURNING id";
// The columns of a Note, in its order.
constexpr std::string_view kSelectNote =
    "SELECT id, case_id, visibility, text, COALESCE(author_id, 0), created_at FROM cases_notes ";

std::vector<Note> ReadNotes(const crypto::Keyring& keyring, const db::Result& rows) {
    std::vector<Note> out;
    for (std::size_t row = 0; row < rows.size(); ++row) {
        const std::int64_t case_id = rows.Int(row, 1);
        out.push_back({.id = rows.Int(row, 0),
                       .case_id = case_id,
                       .visibility = rows.Text(row, 2),
                       .text = keyring.Open(rows.Text(row, 3), CaseNoteContext(case_id)),
                       .author_id = rows.Int(row, 4),
                       .created_at = rows.Int(row, 5)});
    }
    return out;
}

}  // namespace

std::string CaseNoteContext(std::int64_t case_id) { return crypto::FieldContext("cases_notes", "text", case_id); }

std::int64_t InsertNote(db::Connection& connection, const crypto::Keyring& keyring, const Note& note,
                        std::int64_t now_ms) {
    return connection
        .Execute(kInsertNote, {note.case_id, note.visibility, keyring.Seal(note.text, CaseNoteContext(note.case_id)),
                               db::NullIfZero(note.author_id), now_ms})
        .Int(0, 0);
}

core::Page<Note> SelectNotes(db::Connection& connection, const crypto::Keyring& keyring, std::int64_t case_id,
                             const core::PageRequest& page) {
    std::vector<db::Value> params = {case_id};
    const std::string sql = std::string(kSelectNote) + "WHERE case_id = $1 AND " +
                            core::Before(page, "created_at", "id", params) +
                            " ORDER BY created_at DESC, id DESC LIMIT " + core::FetchLimit(page, params);
    core::Page<Note> out{.items = ReadNotes(keyring, connection.Execute(sql, params))};
    if (static_cast<std::int64_t>(out.items.size()) > page.limit) {
        out.items.pop_back();
        out.next = core::Position{.key = out.items.back().created_at, .id = out.items.back().id};
    }
    return out;
}

std::vector<Note> NotesOfCase(db::Connection& connection, const crypto::Keyring& keyring, std::int64_t case_id,
                              bool shared_only) {
    const std::string sql = std::string(kSelectNote) + "WHERE case_id = $1" +
                            (shared_only ? " AND visibility = 'her'" : "") + " ORDER BY created_at DESC, id DESC";
    return ReadNotes(keyring, connection.Execute(sql, {case_id}));
}

}  // namespace ponte::cases

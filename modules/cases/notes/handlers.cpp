#include "modules/cases/notes/handlers.hpp"

#include <boost/json.hpp>

#include "core/feature.hpp"
#include "core/http/json_body.hpp"
#include "core/http/openapi.hpp"
#include "modules/cases/notes/actions.hpp"
#include "modules/cases/paths.hpp"
#include "modules/cases/policy.hpp"

namespace ponte::cases {
namespace {

using http::Reply;
using http::Request;
using http::Response;

boost::json::object NoteJson(const Note& note) {
    return {{"id", note.id},
            {"case_id", note.case_id},
            {"visibility", note.visibility},
            {"text", note.text},
            {"author_user_id", note.author_id == 0 ? boost::json::value(nullptr) : note.author_id},
            {"created_at", note.created_at}};
}

Reply PostNote(const Module& module, const Request& request) {
    audit::Entry entry = core::AuditEntry(request, "", "");
    auto reached = ReachPathCase(module, request, entry, kNoteWriteAction);
    if (!reached) return std::move(reached.failure());
    http::JsonFields fields(request);
    Note note{.visibility = fields.String("visibility").value_or(""),
              .text = fields.String("text", http::Text::kProse).value_or("")};
    if (auto failure = fields.Finish()) return *failure;
    auto added = AddNote(module, *request.principal, entry, *reached, std::move(note));
    if (!added) return std::move(added.failure());
    return Response::Json(201, boost::json::serialize(NoteJson(*added)));
}

Reply ListNotes(const Module& module, const Request& request) {
    audit::Entry entry = core::AuditEntry(request, "", "");
    auto reached = ReachPathCase(module, request, entry, kReadAction);
    if (!reached) return std::move(reached.failure());
    auto page = core::ReadPage(request, module.keyring());
    if (!page) return std::move(page.failure());
    auto notes = ReadNotes(module, entry, *reached, *page);
    boost::json::array items;
    for (const auto& note : notes.items) items.push_back(NoteJson(note));
    return Response::Json(200, boost::json::serialize(boost::json::object{
                                   {"items", std::move(items)},
                                   {"next_cursor", core::NextCursor(request, module.keyring(), notes.next)}}));
}

constexpr std::string_view kNoteSchema = R"({"type":"object","required":["id","case_id","visibility","text",
    "author_user_id","created_at"],"properties":{"id":{"type":"integer"},"case_id":{"type":"integer"},
    "visibility":{"enum":["team","her"],"description":"Seen by her team, or shared with her too"},
    "text":{"type":"string"},"author_user_id":{"type":["integer","null"],"description":"Null once her account is gone"},
    "created_at":{"type":"integer"}}})";

}  // namespace

void AddNoteRoutes(core::Registry& registry, std::shared_ptr<const Module> module) {
    const std::string schema(kNoteSchema);
    registry.AddRoute(
        {.method = http::Method::kPost,
         .path = "/api/v1/cases/{case_id}/notes",
         .policy_action = std::string(kNoteWriteAction),
         .id = "addCaseNote",
         .summary = "Write a note on the case, seen by her team or shared with her too",
         .tag = "cases",
         .request = http::Schema(R"({"type":"object","additionalProperties":false,"required":["text","visibility"],
             "properties":{"text":{"type":"string","minLength":1,"maxLength":10000,
               "description":"Lines and tabs allowed; at least one visible character"},
             "visibility":{"enum":["team","her"]}}})"),
         .response = http::Schema(schema),
         .status = 201,
         .errors = {401, 403, 404, 422},
         .handler = core::Bind(module, &PostNote)});
    registry.AddRoute({.method = http::Method::kGet,
                       .path = "/api/v1/cases/{case_id}/notes",
                       .policy_action = std::string(kReadAction),
                       .id = "listCaseNotes",
                       .summary = "The case's notes, newest first, a page at a time",
                       .tag = "cases",
                       .parameters = core::PageParameters(),
                       .response = http::Schema(R"({"type":"object","required":["items","next_cursor"],"properties":{
                           "items":{"type":"array","items":)" +
                                                schema + R"(},"next_cursor":{"type":["string","null"]}}})"),
                       .errors = {400, 401, 403, 404},
                       .handler = core::Bind(module, &ListNotes)});
}

}  // namespace ponte::cases

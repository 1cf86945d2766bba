#include "modules/cases/documents/handlers.hpp"

#include <boost/json.hpp>
#include <boost/url/parse_query.hpp>

#include "core/feature.hpp"
#include "core/http/json_body.hpp"
#include "core/http/openapi.hpp"
#include "core/media/media_type.hpp"
#include "modules/cases/documents/actions.hpp"
#include "modules/cases/documents/kinds.hpp"
#include "modules/cases/paths.hpp"
#include "modules/cases/policy.hpp"

namespace ponte::cases {
namespace {

using http::Reply;
using http::Request;
using http::Response;

constexpr std::size_t kMaxNameLength = 200;

boost::json::object DocumentJson(const Document& document) {
    return {{"id", document.id},
            {"case_id", document.case_id},
            {"visibility", document.visibility},
            {"name", document.name},
            {"media_type", document.media_type},
            {"size_bytes", document.size_bytes},
            {"uploaded_by_user_id", document.uploaded_by == 0 ? boost::json::value(nullptr) : document.uploaded_by},
            {"created_at", document.created_at}};
}

// The upload's name and visibility, from the query; 400 naming the parameter otherwise.
core::Outcome<Upload> ReadUploadQuery(const Request& request) {
    Upload upload{.visibility = "team"};
    std::optional<std::string> name;
    auto params = boost::urls::parse_query(request.query);
    for (const auto& param : params ? *params : boost::urls::params_encoded_view()) {
        const std::string key = param.key.decode();
        const std::string value = param.has_value ? param.value.decode() : std::string();
        if (key == "name") {
            std::string code;
            name = http::CheckText(value, http::Text::kName, code);
            if (!name) return core::Failure::BadParameter("name", code);
            if (name->size() > kMaxNameLength) return core::Failure::BadParameter("name", "too_long");
        } else if (key == "visibility") {
            if (value != "team" && value != "her") return core::Failure::BadParameter("visibility", "invalid");
            upload.visibility = value;
        } else {
            return core::Failure::BadParameter(key, "unknown");
        }
    }
    if (!name) return core::Failure::BadParameter("name", "required");
    upload.name = std::move(*name);
    upload.declared = media::EssenceOf(request.headers.Get("Content-Type").value_or(""));
    return upload;
}

Reply PostDocument(const Module& module, const Request& request) {
    audit::Entry entry = core::AuditEntry(request, "", "");
    auto reached = ReachPathCase(module, request, entry, kDocumentWriteAction);
    if (!reached) return std::move(reached.failure());
    auto upload = ReadUploadQuery(request);
    if (!upload) return std::move(upload.failure());
    upload->content = request.body;
    auto added = UploadDocument(module, *request.principal, entry, *reached, *upload);
    if (!added) return std::move(added.failure());
    return Response::Json(201, boost::json::serialize(DocumentJson(*added)));
}

Reply ListDocuments(const Module& module, const Request& request) {
    audit::Entry entry = core::AuditEntry(request, "", "");
    auto reached = ReachPathCase(module, request, entry, kReadAction);
    if (!reached) return std::move(reached.failure());
    auto page = core::ReadPage(request, module.keyring());
    if (!page) return std::move(page.failure());
    auto documents = ReadDocuments(module, entry, *reached, *page);
    boost::json::array items;
    for (const auto& document : documents.items) items.push_back(DocumentJson(document));
    return Response::Json(200, boost::json::serialize(boost::json::object{
                                   {"items", std::move(items)},
                                   {"next_cursor", core::NextCursor(request, module.keyring(), documents.next)}}));
}

Reply GetDocument(const Module& module, const Request& request) {
    audit::Entry entry = core::AuditEntry(request, "", "");
    auto reached = ReachPathCase(module, request, entry, kReadAction);
    if (!reached) return std::move(reached.failure());
    auto file = ReadDocumentFile(module, entry, *reached, core::ParseId(request.Param("document_id")).value_or(0));
    if (!file) return std::move(file.failure());
    return DocumentDownload(std::move(*file));
}

constexpr std::string_view kDocumentSchema = R"({"type":"object","required":["id","case_id","visibility","name",
    "media_type","size_bytes","uploaded_by_user_id","created_at"],"properties":{"id":{"type":"integer"},
    "case_id":{"type":"integer"},
    "visibility":{"enum":["team","her"],"description":"Seen by her team, or shared with her too"},
    "name":{"type":"string"},"media_type":{"type":"string","description":"As read from the file's bytes"},
    "size_bytes":{"type":"integer"},
    "uploaded_by_user_id":{"type":["integer","null"],"description":"Null once her account is gone"},
    "created_at":{"type":"integer"}}})";

}  // namespace

http::Response DocumentDownload(DocumentFile file) {
    Response response;
    response.status = 200;
    response.headers.Set("Content-Type", file.document.media_type);
    response.headers.Set("Content-Disposition", AttachmentDisposition(file.document.name));
    // Opened in a tab all the same, it runs nothing, loads nothing and reaches nothing of the site.
    response.headers.Set("Content-Security-Policy", "sandbox; default-src 'none'; frame-ancestors 'none'");
    response.headers.Set("Cache-Control", "private, no-store");
    response.body = std::move(file.content);
    return response;
}

std::string AttachmentDisposition(std::string_view name) {
    std::string fallback;
    std::string encoded;
    for (unsigned char c : name) {
        // One '_' a character beyond ASCII (on its first byte), and for a quote or backslash.
        const bool printable = c >= 0x20 && c < 0x7F;
        if (printable && c != '"' && c != '\\') {
            fallback.push_back(static_cast<char>(c));
        } else if (c < 0x80 || c >= 0xC0) {
            fallback.push_back('_');
        }
        // RFC 8187 attr-char: ALPHA / DIGIT / "!" / "#" / "$" / "&" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~"
        if (std::isalnum(c) || std::string_view("!#$&+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos) {
            encoded.push_back(static_cast<char>(c));
        } else {
            constexpr char kHex[] = "0123456789ABCDEF";
            encoded += '%';
            encoded += kHex[c >> 4];
            encoded += kHex[c & 0x0F];
        }
    }
    return "attachment; filename=\"" + fallback + "\"; filename*=UTF-8''" + encoded;
}

void AddDocumentRoutes(core::Registry& registry, std::shared_ptr<const Module> module, std::size_t max_bytes) {
    const std::string schema(kDocumentSchema);
    std::vector<std::string> types(std::begin(kDocumentTypes), std::end(kDocumentTypes));
    types.emplace_back("application/octet-stream");
    boost::json::array parameters{
        {{"name", "name"},
         {"in", "query"},
         {"required", true},
         {"description", "The file's name, as it is shown and downloaded"},
         {"schema", {{"type", "string"}, {"minLength", 1}, {"maxLength", kMaxNameLength}}}},
        {{"name", "visibility"},
         {"in", "query"},
         {"required", false},
         {"description", "Seen by her team (the default), or shared with her too"},
         {"schema", {{"enum", {"team", "her"}}}}},
    };
    registry.AddRoute(
        {.method = http::Method::kPost,
         .path = "/api/v1/cases/{case_id}/documents",
         .policy_action = std::string(kDocumentWriteAction),
         .id = "uploadCaseDocument",
         .summary = "Keep a document with the case: the file itself is the body, at most " + std::to_string(max_bytes) +
                    " bytes (413 beyond). Its type is read from its bytes: a PDF, a JPEG, PNG, WebP or HEIC "
                    "photo, plain text, an ODT or DOCX text (422 naming body otherwise); a Content-Type "
                    "declaring another type than its bytes are is refused (422 naming Content-Type)",
         .tag = "cases",
         .parameters = std::move(parameters),
         .file_types = std::move(types),
         .max_body_bytes = max_bytes,
         .response = http::Schema(schema),
         .status = 201,
         .errors = {401, 403, 404},
         .handler = core::Bind(module, &PostDocument)});
    registry.AddRoute({.method = http::Method::kGet,
                       .path = "/api/v1/cases/{case_id}/documents",
                       .policy_action = std::string(kReadAction),
                       .id = "listCaseDocuments",
                       .summary = "The case's documents, newest first, a page at a time",
                       .tag = "cases",
                       .parameters = core::PageParameters(),
                       .response = http::Schema(R"({"type":"object","required":["items","next_cursor"],"properties":{
                           "items":{"type":"array","items":)" +
                                                schema + R"(},"next_cursor":{"type":["string","null"]}}})"),
                       .errors = {400, 401, 403, 404},
                       .handler = core::Bind(module, &ListDocuments)});
    registry.AddRoute({.method = http::Method::kGet,
                       .path = "/api/v1/cases/{case_id}/documents/{document_id}",
                       .policy_action = std::string(kReadAction),
                       .id = "downloadCaseDocument",
                       .summary = "The document's file, as an attachment (Content-Disposition), of the type read "
                                  "from its bytes, sandboxed (Content-Security-Policy)",
                       .tag = "cases",
                       .response = http::Schema(R"({"type":"string","contentMediaType":"application/octet-stream"})"),
                       .media_type = "application/octet-stream",
                       .errors = {401, 403, 404},
                       .handler = core::Bind(module, &GetDocument)});
}

}  // namespace ponte::cases

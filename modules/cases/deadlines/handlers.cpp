#include "modules/cases/deadlines/handlers.hpp"

#include <boost/json.hpp>
#include <boost/url/parse_query.hpp>

#include "core/feature.hpp"
#include "core/http/json_body.hpp"
#include "core/http/openapi.hpp"
#include "core/i18n/local_time.hpp"
#include "core/version.hpp"
#include "modules/cases/deadlines/actions.hpp"
#include "modules/cases/paths.hpp"
#include "modules/cases/policy.hpp"

namespace ponte::cases {
namespace {

using http::Reply;
using http::Request;
using http::Response;

boost::json::object DeadlineJson(const Deadline& deadline, std::string_view today) {
    boost::json::array documents;
    for (const auto& document : deadline.documents) documents.emplace_back(document);
    return {{"id", deadline.id},
            {"case_id", deadline.case_id},
            {"case_code", deadline.case_code},
            {"chosen_name", deadline.chosen_name},
            {"kind", deadline.kind},
            {"title", deadline.title},
            {"due_on", deadline.due_on},
            {"documents", std::move(documents)},
            {"done_at", deadline.done_at == 0 ? boost::json::value(nullptr) : deadline.done_at},
            {"overdue", IsOverdue(deadline, today)},
            {"etag", core::ETag(deadline.version)}};
}

Response DeadlineAnswer(int status, const Deadline& deadline) {
    Response response =
        Response::Json(status, boost::json::serialize(DeadlineJson(deadline, i18n::IsoDateUtc(core::NowMs()))));
    core::SetETag(response, deadline.version);
    return response;
}

Reply PostDeadline(const Module& module, const Request& request) {
    audit::Entry entry = core::AuditEntry(request, "", "");
    auto reached = ReachPathCase(module, request, entry, kDeadlineWriteAction);
    if (!reached) return std::move(reached.failure());
    http::JsonFields fields(request);
    Deadline deadline;
    deadline.kind = fields.String("kind").value_or("");
    deadline.title = fields.String("title").value_or("");
    deadline.due_on = fields.String("due_on").value_or("");
    if (const boost::json::array* documents = fields.Array("documents")) {
        for (std::size_t i = 0; i < documents->size(); ++i) {
            // Each document is a text of the body, checked as its fields are.
            const boost::json::object wrapper{{"document", (*documents)[i]}};
            auto document = fields.StringIn(wrapper, "document", "documents." + std::to_string(i));
            if (document) deadline.documents.push_back(*document);
        }
    }
    if (auto failure = fields.Finish()) return *failure;
    auto added = AddDeadline(module, *request.principal, entry, *reached, std::move(deadline));
    if (!added) return std::move(added.failure());
    return DeadlineAnswer(201, *added);
}

Reply ListDeadlines(const Module& module, const Request& request) {
    audit::Entry entry = core::AuditEntry(request, "", "");
    auto reached = ReachPathCase(module, request, entry, kReadAction);
    if (!reached) return std::move(reached.failure());
    const std::string today = i18n::IsoDateUtc(core::NowMs());
    boost::json::array items;
    for (const auto& deadline : ReadDeadlines(module, entry, *reached)) items.push_back(DeadlineJson(deadline, today));
    return Response::Json(200, boost::json::serialize(boost::json::object{{"items", std::move(items)}}));
}

Reply PostDone(const Module& module, const Request& request) {
    audit::Entry entry = core::AuditEntry(request, "", "");
    auto reached = ReachDeadline(module, *request.principal, entry, kDeadlineWriteAction,
                                 core::ParseId(request.Param("deadline_id")).value_or(0));
    if (!reached) return std::move(reached.failure());
    auto expected = core::ExpectedVersion(request);
    if (!expected) return std::move(expected.failure());
    auto done = CompleteDeadline(module, *request.principal, entry, *reached, *expected);
    if (!done) return std::move(done.failure());
    return DeadlineAnswer(200, *done);
}

Reply ListOpenDeadlines(const Module& module, const Request& request) {
    audit::Entry entry = core::AuditEntry(request, "", "");
    auto organization = ReachPathOrganization(module, request, entry, kListAction);
    if (!organization) return std::move(organization.failure());
    auto page = core::ReadPage(request, module.keyring());
    if (!page) return std::move(page.failure());
    const std::string today = i18n::IsoDateUtc(core::NowMs());
    std::string before = today;
    auto params = boost::urls::parse_query(request.query);
    for (const auto& param : params ? *params : boost::urls::params_encoded_view()) {
        if (param.key.decode() != "due_before") continue;
        before = param.has_value ? param.value.decode() : std::string();
        if (!i18n::ParseIsoDate(before)) {
            return core::Failure::BadParameter("due_before", "format");
        }
    }
    auto deadlines = ReadOpenDeadlines(module, *request.principal, entry, *organization, before, *page);
    boost::json::array items;
    for (const auto& deadline : deadlines.items) items.push_back(DeadlineJson(deadline, today));
    return Response::Json(200, boost::json::serialize(boost::json::object{
                                   {"items", std::move(items)},
                                   {"next_cursor", core::NextCursor(request, module.keyring(), deadlines.next)}}));
}

constexpr std::string_view kDeadlineSchema = R"({"type":"object","required":["id","case_id","case_code",
    "chosen_name","kind","title","due_on","documents","done_at","overdue","etag"],"properties":{
    "id":{"type":"integer"},"case_id":{"type":"integer"},"case_code":{"type":"string"},
    "chosen_name":{"type":"string"},
    "kind":{"enum":["residence_permit","asylum_step","benefit_renewal","school_enrolment","other"]},
    "title":{"type":"string"},"due_on":{"type":"string"},"documents":{"type":"array","items":{"type":"string"}},
    "done_at":{"type":["integer","null"]},"overdue":{"type":"boolean","description":"Open, and its day has passed"},
    "etag":{"type":"string"}}})";

}  // namespace

void AddDeadlineRoutes(core::Registry& registry, std::shared_ptr<const Module> module) {
    const std::string schema(kDeadlineSchema);
    registry.AddRoute(
        {.method = http::Method::kPost,
         .path = "/api/v1/cases/{case_id}/deadlines",
         .policy_action = std::string(kDeadlineWriteAction),
         .id = "addDeadline",
         .summary = "Add a deadline to the case: a residence permit, a step of the asylum procedure, a benefit "
                    "renewal, a school enrolment, with its day and the documents it needs",
         .tag = "cases",
         .request = http::Schema(R"({"type":"object","additionalProperties":false,"required":["kind","due_on"],
             "properties":{"kind":{"enum":["residence_permit","asylum_step","benefit_renewal","school_enrolment",
               "other"]},"title":{"type":"string","maxLength":200},
             "due_on":{"type":"string","pattern":"^[0-9]{4}-[0-9]{2}-[0-9]{2}$","maxLength":10},
             "documents":{"type":"array","maxItems":20,"items":{"type":"string","minLength":1,"maxLength":200}}}})"),
         .response = http::Schema(schema),
         .status = 201,
         .errors = {401, 403, 404, 422},
         .handler = core::Bind(module, &PostDeadline)});
    registry.AddRoute({.method = http::Method::kGet,
                       .path = "/api/v1/cases/{case_id}/deadlines",
                       .policy_action = std::string(kReadAction),
                       .id = "listCaseDeadlines",
                       .summary = "The case's deadlines, soonest first",
                       .tag = "cases",
                       .response = http::Schema(R"({"type":"object","required":["items"],"properties":{
                           "items":{"type":"array","items":)" +
                                                schema + "}}}"),
                       .errors = {401, 403, 404},
                       .handler = core::Bind(module, &ListDeadlines)});
    registry.AddRoute({.method = http::Method::kPost,
                       .path = "/api/v1/deadlines/{deadline_id}/done",
                       .policy_action = std::string(kDeadlineWriteAction),
                       .id = "completeDeadline",
                       .summary = "Mark a deadline done; If-Match: its ETag",
                       .tag = "cases",
                       .parameters = core::IfMatchParameter(),
                       .response = http::Schema(schema),
                       .errors = {401, 403, 404, 409, 412, 428},
                       .handler = core::Bind(module, &PostDone)});
    boost::json::array parameters = core::PageParameters();
    parameters.push_back(
        {{"name", "due_before"},
         {"in", "query"},
         {"required", false},
         {"description", "Only those due before this day (YYYY-MM-DD); today when absent: the overdue"},
         {"schema", {{"type", "string"}, {"pattern", "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}}}});
    registry.AddRoute(
        {.method = http::Method::kGet,
         .path = "/api/v1/organizations/{organization_id}/deadlines",
         .policy_action = std::string(kListAction),
         .id = "listOpenDeadlines",
         .summary = "The open deadlines of the organization's cases that the caller follows (all of them for a "
                    "coordinator), due before a day (the overdue ones by default), soonest first, a page at a time",
         .tag = "cases",
         .parameters = std::move(parameters),
         .response = http::Schema(R"({"type":"object","required":["items","next_cursor"],"properties":{
             "items":{"type":"array","items":)" +
                                  schema + R"(},"next_cursor":{"type":["string","null"]}}})"),
         .errors = {400, 401, 403, 404},
         .handler = core::Bind(module, &ListOpenDeadlines)});
}

}  // namespace ponte::cases

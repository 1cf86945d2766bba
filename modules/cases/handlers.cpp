#include "modules/cases/handlers.hpp"

#include <boost/json.hpp>
#include <boost/url/parse_query.hpp>

#include "core/feature.hpp"
#include "core/http/json_body.hpp"
#include "core/http/openapi.hpp"
#include "core/i18n/local_time.hpp"
#include "core/version.hpp"
#include "modules/cases/assessments/model.hpp"
#include "modules/cases/paths.hpp"
#include "modules/cases/policy.hpp"
#include "modules/cases/referrals/handlers.hpp"

namespace ponte::cases {
namespace {

using core::Failure;
using http::Reply;
using http::Request;
using http::Response;

boost::json::value Lead(const Case& record) {
    if (record.lead_user_id == 0) return nullptr;
    return boost::json::object{{"user_id", record.lead_user_id}, {"display_name", record.lead_name}};
}

boost::json::object Summary(const Case& record) {
    return {{"id", record.id},
            {"organization_id", record.organization_id},
            {"chosen_name", record.chosen_name},
            {"code", record.code},
            {"state", StateName(record.state)},
            {"outcome", record.outcome.empty() ? boost::json::value(nullptr) : boost::json::value(record.outcome)},
            {"lead", Lead(record)},
            {"account_user_id",
             record.woman_user_id == 0 ? boost::json::value(nullptr) : boost::json::value(record.woman_user_id)},
            {"opened_at", record.opened_at},
            {"updated_at", record.updated_at},
            {"etag", core::ETag(record.version)}};
}

boost::json::array TeamJson(const std::vector<TeamMember>& team) {
    boost::json::array out;
    for (const auto& member : team) {
        out.push_back(
            {{"user_id", member.user_id}, {"display_name", member.display_name}, {"role", TeamRoleName(member.role)}});
    }
    return out;
}

Response CaseAnswer(int status, const boost::json::object& body, std::int64_t version) {
    Response response = Response::Json(status, boost::json::serialize(body));
    core::SetETag(response, version);
    return response;
}

// The caseload's filters from the query: ?state=, ?worker_id=, ?q=, ?domain=, ?overdue_actions=,
// ?appointment_before= (400 naming a malformed one).
core::Outcome<CaseloadQuery> ReadCaseloadQuery(const Request& request) {
    CaseloadQuery query;
    auto params = boost::urls::parse_query(request.query);
    if (!params) return core::Failure::BadParameter("q", "format");
    for (const auto& param : *params) {
        const std::string key = param.key.decode();
        const std::string value = param.has_value ? param.value.decode() : std::string();
        if (key == "state") {
            query.state = ParseState(value);
            if (!query.state) return core::Failure::BadParameter("state", "format");
        } else if (key == "worker_id") {
            const auto id = core::ParseId(value);
            if (!id) return core::Failure::BadParameter("worker_id", "format");
            query.worker_user_id = *id;
        } else if (key == "domain") {
            if (!IsDomain(value)) return core::Failure::BadParameter("domain", "format");
            query.domain = value;
        } else if (key == "overdue_actions") {
            if (value != "true" && value != "false") return core::Failure::BadParameter("overdue_actions", "format");
            query.overdue_actions = value == "true";
        } else if (key == "appointment_before") {
            const auto day = i18n::ParseIsoDate(value);
            if (!day) return core::Failure::BadParameter("appointment_before", "format");
            query.appointment_before = i18n::FromLocal(day->year, day->month, day->day, 0, "UTC");
        } else if (key == "q") {
            if (value.size() > 100) return core::Failure::BadParameter("q", "too_long");
            if (!http::HasVisibleCharacter(value)) continue;
            query.search = http::NormalizeNfc(value);
        }
    }
    return query;
}

Reply ListCases(const Module& module, const Request& request) {
    audit::Entry entry = core::AuditEntry(request, "", "");
    auto organization = ReachPathOrganization(module, request, entry, kListAction);
    if (!organization) return std::move(organization.failure());
    auto page = core::ReadPage(request, module.keyring());
    if (!page) return std::move(page.failure());
    auto query = ReadCaseloadQuery(request);
    if (!query) return std::move(query.failure());
    auto cases = ReadCaseload(module, *request.principal, entry, *organization, *query, *page);
    boost::json::array items;
    for (const auto& row : cases.items) {
        boost::json::object item = Summary(row.record);
        item["next_appointment_at"] =
            row.next_appointment_at == 0 ? boost::json::value(nullptr) : boost::json::value(row.next_appointment_at);
        item["overdue_actions"] = row.overdue_actions;
        items.push_back(std::move(item));
    }
    return Response::Json(200, boost::json::serialize(boost::json::object{
                                   {"items", std::move(items)},
                                   {"next_cursor", core::NextCursor(request, module.keyring(), cases.next)}}));
}

Reply PostCase(const Module& module, const Request& request) {
    audit::Entry entry = core::AuditEntry(request, "", "");
    auto organization = ReachPathOrganization(module, request, entry, kOpenAction);
    if (!organization) return std::move(organization.failure());
    http::JsonFields fields(request);
    auto name = fields.String("chosen_name", http::Text::kName);
    auto lead = fields.Int("lead_user_id");
    if (auto failure = fields.Finish()) return *failure;
    auto opened = OpenWalkIn(module, *request.principal, entry, *organization,
                             {.chosen_name = *name, .lead_user_id = lead.value_or(0)});
    if (!opened) return std::move(opened.failure());
    return CaseAnswer(201, Summary(*opened), opened->version);
}

Reply GetCase(const Module& module, const Request& request) {
    audit::Entry entry = core::AuditEntry(request, "", "");
    auto reached = ReachPathCase(module, request, entry, kReadAction);
    if (!reached) return std::move(reached.failure());
    const CaseFile file = ReadCaseFile(module, entry, std::move(*reached));
    boost::json::object body = Summary(file.reached.record);
    body["team"] = TeamJson(file.reached.team);
    boost::json::array history;
    for (const auto& change : file.history) {
        history.push_back({{"from", StateName(change.from)},
                           {"to", StateName(change.to)},
                           {"outcome", change.outcome.empty() ? boost::json::value(nullptr) : change.outcome.c_str()},
                           {"reason", change.reason},
                           {"by_user_id", change.by_user_id == 0 ? boost::json::value(nullptr) : change.by_user_id},
                           {"at", change.at}});
    }
    body["history"] = std::move(history);
    body["referral"] = file.referral ? boost::json::value(ReferralJson(*file.referral, true)) : nullptr;
    return CaseAnswer(200, body, file.reached.record.version);
}

Reply PostMove(const Module& module, const Request& request) {
    audit::Entry entry = core::AuditEntry(request, "", "");
    auto reached = ReachPathCase(module, request, entry, kMoveAction);
    if (!reached) return std::move(reached.failure());
    auto expected = core::ExpectedVersion(request);
    if (!expected) return std::move(expected.failure());
    http::JsonFields fields(request);
    auto to = fields.String("to");
    auto outcome = fields.String("outcome");
    auto reason = fields.String("reason");
    std::optional<State> state;
    if (to) {
        state = ParseState(*to);
        if (!state) fields.Invalid("to", "format");
    }
    if (auto failure = fields.Finish()) return *failure;
    auto moved = MoveTo(module, *request.principal, entry, *reached, *expected,
                        {.to = *state, .outcome = outcome.value_or(""), .reason = reason.value_or("")});
    if (!moved) return std::move(moved.failure());
    return CaseAnswer(200, Summary(*moved), moved->version);
}

Reply PostTeamMember(const Module& module, const Request& request) {
    audit::Entry entry = core::AuditEntry(request, "", "");
    auto reached = ReachPathCase(module, request, entry, kTeamAction);
    if (!reached) return std::move(reached.failure());
    http::JsonFields fields(request);
    auto user = fields.Int("user_id");
    auto role = fields.String("role");
    if (auto failure = fields.Finish()) return *failure;
    auto team = PutOnTeam(module, *request.principal, entry, *reached, *user,
                          *role == "lead" ? TeamRole::kLead : TeamRole::kMember);
    if (!team) return std::move(team.failure());
    return Response::Json(200, boost::json::serialize(boost::json::object{{"team", TeamJson(*team)}}));
}

Reply DeleteTeamMember(const Module& module, const Request& request) {
    audit::Entry entry = core::AuditEntry(request, "", "");
    auto reached = ReachPathCase(module, request, entry, kTeamAction);
    if (!reached) return std::move(reached.failure());
    const auto user = core::ParseId(request.Param("user_id"));
    auto team = TakeOffTeam(module, *request.principal, entry, *reached, user.value_or(0));
    if (!team) return std::move(team.failure());
    return Response::Json(200, boost::json::serialize(boost::json::object{{"team", TeamJson(*team)}}));
}

Reply GetTimeline(const Module& module, const Request& request) {
    audit::Entry entry = core::AuditEntry(request, "", "");
    auto reached = ReachPathCase(module, request, entry, kReadAction);
    if (!reached) return std::move(reached.failure());
    auto page = core::ReadPage(request, module.keyring());
    if (!page) return std::move(page.failure());
    auto events = ReadTimeline(module, entry, *reached, *page);
    boost::json::array items;
    for (const auto& event : events.items) {
        items.push_back({{"id", event.id},
                         {"kind", event.kind},
                         {"by", event.by_user_id == 0 ? boost::json::value(nullptr)
                                                      : boost::json::object{{"user_id", event.by_user_id},
                                                                            {"display_name", event.by_name}}},
                         {"at", event.at},
                         {"detail", event.detail}});
    }
    return Response::Json(200, boost::json::serialize(boost::json::object{
                                   {"items", std::move(items)},
                                   {"next_cursor", core::NextCursor(request, module.keyring(), events.next)}}));
}

constexpr std::string_view kStates = R"(["referred","intake","active","suspended","closed"])";

std::string SummarySchema() {
    return R"({"type":"object","required":["id","organization_id","chosen_name","code","state","outcome","lead",
        "account_user_id","opened_at","updated_at","etag"],"properties":{"id":{"type":"integer"},"organization_id":{"type":"integer"},
        "chosen_name":{"type":"string"},"code":{"type":"string"},"state":{"enum":)" +
           std::string(kStates) + R"(},"outcome":{"type":["string","null"]},
        "lead":{"type":["object","null"],"required":["user_id","display_name"],
          "properties":{"user_id":{"type":"integer"},"display_name":{"type":"string"}}},
        "account_user_id":{"type":["integer","null"],
          "description":"Her own account, once linked to her record (PUT /cases/{case_id}/account); null: none"},
        "opened_at":{"type":"integer"},"updated_at":{"type":"integer"},"etag":{"type":"string"}}})";
}

// A row of the caseload: the case's summary, her next appointment and her plan's overdue actions.
std::string CaseloadItemSchema(const std::string& summary_schema) {
    boost::json::value schema = boost::json::parse(summary_schema);
    auto& object = schema.as_object();
    object["properties"].as_object()["next_appointment_at"] = {{"type", {"integer", "null"}}};
    object["properties"].as_object()["overdue_actions"] = {{"type", "integer"}, {"minimum", 0}};
    object["required"].as_array().emplace_back("next_appointment_at");
    object["required"].as_array().emplace_back("overdue_actions");
    return boost::json::serialize(schema);
}

constexpr std::string_view kTeamSchema = R"({"type":"array","items":{"type":"object",
    "required":["user_id","display_name","role"],"properties":{"user_id":{"type":"integer"},
    "display_name":{"type":"string"},"role":{"enum":["lead","member"]}}}})";

boost::json::array CaseloadParameters() {
    boost::json::array parameters = core::PageParameters();
    parameters.push_back({{"name", "state"},
                          {"in", "query"},
                          {"required", false},
                          {"description", "Only the cases in this state"},
                          {"schema", boost::json::parse(R"({"enum":)" + std::string(kStates) + "}")}});
    parameters.push_back({{"name", "worker_id"},
                          {"in", "query"},
                          {"required", false},
                          {"description", "Only the cases with this worker in the team"},
                          {"schema", {{"type", "integer"}, {"minimum", 1}}}});
    parameters.push_back({{"name", "q"},
                          {"in", "query"},
                          {"required", false},
                          {"description", "A part of her chosen name or code, in any case, with or without accents"},
                          {"schema", {{"type", "string"}, {"maxLength", 100}}}});
    parameters.push_back(
        {{"name", "domain"},
         {"in", "query"},
         {"required", false},
         {"description", "Only the cases whose plan has a goal in this domain"},
         {"schema",
          {{"enum",
            {"language", "documents", "housing", "health", "work", "education", "money", "digital", "social"}}}}});
    parameters.push_back({{"name", "overdue_actions"},
                          {"in", "query"},
                          {"required", false},
                          {"description", "true: only the cases whose plan has an open action past its day"},
                          {"schema", {{"type", "boolean"}}}});
    parameters.push_back({{"name", "appointment_before"},
                          {"in", "query"},
                          {"required", false},
                          {"description",
                           "Only the cases with an appointment booked from now until this day "
                           "(YYYY-MM-DD, UTC)"},
                          {"schema", {{"type", "string"}, {"pattern", "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}}}});
    return parameters;
}

}  // namespace

void AddRoutes(core::Registry& registry, std::shared_ptr<const Module> module) {
    const std::string summary_schema = SummarySchema();
    registry.AddRoute(
        {.method = http::Method::kGet,
         .path = "/api/v1/organizations/{organization_id}/cases",
         .policy_action = std::string(kListAction),
         .id = "listCases",
         .summary =
             "The organization's caseload: the cases the caller follows (all of them for a coordinator), "
             "oldest first, filtered by state, worker, the domains of her plan, overdue actions, appointments to "
             "come and a search over names and codes, a page at a time",
         .tag = "cases",
         .parameters = CaseloadParameters(),
         .response =
             http::Schema(R"({"type":"object","required":["items","next_cursor"],"properties":{
             "items":{"type":"array","items":)" +
                          CaseloadItemSchema(summary_schema) + R"(},"next_cursor":{"type":["string","null"]}}})"),
         .errors = {400, 401, 403, 404},
         .handler = core::Bind(module, &ListCases)});
    registry.AddRoute(
        {.method = http::Method::kPost,
         .path = "/api/v1/organizations/{organization_id}/cases",
         .policy_action = std::string(kOpenAction),
         .id = "openCase",
         .summary = "Take on a woman who came without a referral: her record and her case, in intake, led by the "
                    "caller or by the worker named",
         .tag = "cases",
         .request = http::Schema(R"({"type":"object","additionalProperties":false,"required":["chosen_name"],
             "properties":{"chosen_name":{"type":"string","minLength":1,"maxLength":100},
               "lead_user_id":{"type":"integer","minimum":1}}})"),
         .response = http::Schema(summary_schema),
         .status = 201,
         .errors = {401, 403, 404, 422},
         .handler = core::Bind(module, &PostCase)});
    registry.AddRoute(
        {.method = http::Method::kGet,
         .path = "/api/v1/cases/{case_id}",
         .policy_action = std::string(kReadAction),
         .id = "getCase",
         .summary = "A case as its team reads it: her name and code, its state, its team and its history; the "
                    "ETag is its version, for If-Match",
         .tag = "cases",
         .response = http::Schema(R"({"allOf":[)" + summary_schema + R"(,{"type":"object",
             "required":["team","history","referral"],"properties":{"referral":{"anyOf":[{"type":"null"},)" +
                                  std::string(kReferralSchema) + R"(]},"team":)" + std::string(kTeamSchema) +
                                  R"(,"history":{"type":"array","items":{"type":"object",
               "required":["from","to","outcome","reason","by_user_id","at"]}}}}]})"),
         .errors = {401, 403, 404},
         .handler = core::Bind(module, &GetCase)});
    registry.AddRoute(
        {.method = http::Method::kPost,
         .path = "/api/v1/cases/{case_id}/moves",
         .policy_action = std::string(kMoveAction),
         .id = "moveCase",
         .summary = "Move a case to another state: start her project, suspend it, take it up again, close it with "
                    "an outcome, reopen it, or decline a referral; If-Match: the case's ETag",
         .tag = "cases",
         .parameters = core::IfMatchParameter(),
         .request = http::Schema(R"({"type":"object","additionalProperties":false,"required":["to"],
             "properties":{"to":{"enum":)" +
                                 std::string(kStates) +
                                 R"(},"outcome":{"type":"string","maxLength":40},
               "reason":{"type":"string","maxLength":2000}}})"),
         .response = http::Schema(summary_schema),
         .errors = {401, 403, 404, 412, 422, 428},
         .handler = core::Bind(module, &PostMove)});
    registry.AddRoute(
        {.method = http::Method::kPost,
         .path = "/api/v1/cases/{case_id}/team",
         .policy_action = std::string(kTeamAction),
         .id = "putOnCaseTeam",
         .summary = "Put a worker of the organization on the case's team, or make her its lead (the lead before her "
                    "stays a member)",
         .tag = "cases",
         .request = http::Schema(R"({"type":"object","additionalProperties":false,"required":["user_id","role"],
             "properties":{"user_id":{"type":"integer","minimum":1},"role":{"enum":["lead","member"]}}})"),
         .response = http::Schema(R"({"type":"object","required":["team"],"properties":{"team":)" +
                                  std::string(kTeamSchema) + "}}"),
         .errors = {401, 403, 404, 409, 422},
         .handler = core::Bind(module, &PostTeamMember)});
    registry.AddRoute({.method = http::Method::kDelete,
                       .path = "/api/v1/cases/{case_id}/team/{user_id}",
                       .policy_action = std::string(kTeamAction),
                       .id = "takeOffCaseTeam",
                       .summary = "Take a member off the case's team (not its lead: name another lead first)",
                       .tag = "cases",
                       .response = http::Schema(R"({"type":"object","required":["team"],"properties":{"team":)" +
                                                std::string(kTeamSchema) + "}}"),
                       .errors = {401, 403, 404, 409},
                       .handler = core::Bind(module, &DeleteTeamMember)});
    registry.AddRoute({.method = http::Method::kGet,
                       .path = "/api/v1/cases/{case_id}/timeline",
                       .policy_action = std::string(kReadAction),
                       .id = "getCaseTimeline",
                       .summary = "Everything that happened on the case, oldest first, a page at a time",
                       .tag = "cases",
                       .parameters = core::PageParameters(),
                       .response = http::Schema(R"({"type":"object","required":["items","next_cursor"],"properties":{
             "items":{"type":"array","items":{"type":"object","required":["id","kind","by","at","detail"],
               "properties":{"id":{"type":"integer"},"kind":{"type":"string"},"by":{"type":["object","null"]},
               "at":{"type":"integer"},"detail":{"type":"object"}}}},"next_cursor":{"type":["string","null"]}}})"),
                       .errors = {400, 401, 403, 404},
                       .handler = core::Bind(module, &GetTimeline)});
}

}  // namespace ponte::cases

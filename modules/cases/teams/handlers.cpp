#include "modules/cases/teams/handlers.hpp"

#include <boost/json.hpp>

#include "core/feature.hpp"
#include "core/http/json_body.hpp"
#include "core/http/openapi.hpp"
#include "modules/cases/paths.hpp"
#include "modules/cases/policy.hpp"
#include "modules/cases/teams/actions.hpp"
#include "modules/cases/teams/json.hpp"

namespace ponte::cases {
namespace {

using http::Reply;
using http::Request;
using http::Response;

Reply Json(int status, const boost::json::object& body) { return Response::Json(status, boost::json::serialize(body)); }

constexpr std::string_view kDay = R"({"type":"string","pattern":"^[0-9]{4}-[0-9]{2}-[0-9]{2}$","maxLength":10})";

std::int64_t PathId(const Request& request, std::string_view name) {
    return core::ParseId(request.Param(name)).value_or(0);
}

Reply PostTeam(const Module& module, const Request& request) {
    audit::Entry entry = core::AuditEntry(request, "", "");
    auto organization = ReachPathOrganization(module, request, entry, kTeamCreateAction);
    if (!organization) return std::move(organization.failure());
    http::JsonFields fields(request);
    auto name = fields.String("name", http::Text::kName);
    if (auto failure = fields.Finish()) return *failure;
    return Json(201, TeamJson(CreateTeam(module, *request.principal, entry, *organization, *name)));
}

Reply ListTeams(const Module& module, const Request& request) {
    audit::Entry entry = core::AuditEntry(request, "", "");
    boost::json::array items;
    for (const auto& team : ReadTeams(module, *request.principal, entry)) items.push_back(TeamJson(team));
    return Json(200, {{"items", std::move(items)}});
}

Reply GetTeam(const Module& module, const Request& request) {
    audit::Entry entry = core::AuditEntry(request, "", "");
    auto team = ReachTeam(module, *request.principal, entry, kTeamReadAction, PathId(request, "team_id"));
    if (!team) return std::move(team.failure());
    const TeamFile file = ReadTeamFile(module, entry, *team);
    boost::json::object out = TeamJson(file.team);
    boost::json::array shares;
    for (const auto& share : file.shares) shares.push_back(ShareJson(share));
    boost::json::array meetings;
    for (const auto& meeting : file.meetings) meetings.push_back(MeetingJson(meeting));
    out["cases"] = std::move(shares);
    out["meetings"] = std::move(meetings);
    return Json(200, out);
}

Reply PutMember(const Module& module, const Request& request) {
    audit::Entry entry = core::AuditEntry(request, "", "");
    auto team = ReachTeam(module, *request.principal, entry, kTeamManageAction, PathId(request, "team_id"));
    if (!team) return std::move(team.failure());
    auto changed = AddTeamMember(module, entry, *team, PathId(request, "member_id"));
    if (!changed) return std::move(changed.failure());
    return Json(200, TeamJson(*changed));
}

Reply DeleteMember(const Module& module, const Request& request) {
    audit::Entry entry = core::AuditEntry(request, "", "");
    auto team = ReachTeam(module, *request.principal, entry, kTeamManageAction, PathId(request, "team_id"));
    if (!team) return std::move(team.failure());
    auto changed = RemoveTeamMember(module, entry, *team, PathId(request, "member_id"));
    if (!changed) return std::move(changed.failure());
    return Json(200, TeamJson(*changed));
}

Reply PostShare(const Module& module, const Request& request) {
    audit::Entry entry = core::AuditEntry(request, "", "");
    auto reached = ReachPathCase(module, request, entry, kTeamShareAction);
    if (!reached) return std::move(reached.failure());
    http::JsonFields fields(request);
    const std::int64_t team_id = fields.Int("team_id").value_or(0);
    const std::string consent = fields.String("consent_method").value_or("");
    if (auto failure = fields.Finish()) return *failure;
    auto shared = ShareCase(module, *request.principal, entry, *reached, team_id, consent);
    if (!shared) return std::move(shared.failure());
    return Json(201, ShareJson(*shared));
}

Reply ListShares(const Module& module, const Request& request) {
    audit::Entry entry = core::AuditEntry(request, "", "");
    auto reached = ReachPathCase(module, request, entry, kReadAction);
    if (!reached) return std::move(reached.failure());
    entry.outcome = "ok";
    audit::Record(module.database(), entry, core::NowMs());
    boost::json::array items;
    for (const auto& share : SharesOfCase(*module.database().Acquire(), reached->record.id))
        items.push_back(ShareJson(share));
    return Json(200, {{"items", std::move(items)}});
}

Reply DeleteShareRoute(const Module& module, const Request& request) {
    audit::Entry entry = core::AuditEntry(request, "", "");
    auto reached = ReachPathCase(module, request, entry, kTeamShareAction);
    if (!reached) return std::move(reached.failure());
    auto removed = UnshareCase(module, *request.principal, entry, *reached, PathId(request, "team_id"));
    if (!removed) return std::move(removed.failure());
    boost::json::array items;
    for (const auto& share : SharesOfCase(*module.database().Acquire(), reached->record.id))
        items.push_back(ShareJson(share));
    return Json(200, {{"items", std::move(items)}});
}

Reply PostMeeting(const Module& module, const Request& request) {
    audit::Entry entry = core::AuditEntry(request, "", "");
    auto team = ReachTeam(module, *request.principal, entry, kTeamMeetAction, PathId(request, "team_id"));
    if (!team) return std::move(team.failure());
    http::JsonFields fields(request);
    Meeting asked{.starts_at = fields.Int("starts_at").value_or(0),
                  .place = fields.String("place", http::Text::kName).value_or("")};
    std::vector<std::int64_t> case_ids;
    if (const boost::json::array* cases = fields.Array("case_ids")) {
        case_ids.reserve(cases->size());
        for (const auto& id : *cases) case_ids.push_back(id.as_int64());
    }
    if (auto failure = fields.Finish()) return *failure;
    auto created = CreateMeeting(module, *request.principal, entry, *team, std::move(asked), case_ids);
    if (!created) return std::move(created.failure());
    audit::Entry read = core::AuditEntry(request, std::string(kTeamReadAction), "");
    read.resource_type = entry.resource_type;
    read.resource_id = entry.resource_id;
    read.organization_id = entry.organization_id;
    return Json(201, MeetingFileJson(ReadMeetingFile(module, read, *created)));
}

// The meeting of the path, read for the caller as `action` allows.
core::Outcome<MeetingFile> PathMeeting(const Module& module, const Request& request, audit::Entry& entry,
                                       std::string_view action) {
    auto meeting = ReachMeeting(module, *request.principal, entry, action, PathId(request, "meeting_id"));
    if (!meeting) return std::move(meeting.failure());
    audit::Entry read = entry;
    read.action = std::string(kTeamReadAction);
    return ReadMeetingFile(module, read, *meeting);
}

Reply GetMeeting(const Module& module, const Request& request) {
    audit::Entry entry = core::AuditEntry(request, "", "");
    auto meeting = ReachMeeting(module, *request.principal, entry, kTeamReadAction, PathId(request, "meeting_id"));
    if (!meeting) return std::move(meeting.failure());
    return Json(200, MeetingFileJson(ReadMeetingFile(module, entry, *meeting)));
}

Reply PutMinutes(const Module& module, const Request& request) {
    audit::Entry entry = core::AuditEntry(request, "", "");
    auto file = PathMeeting(module, request, entry, kTeamMeetAction);
    if (!file) return std::move(file.failure());
    auto item = ReachAgendaItem(module, *file, PathId(request, "item_id"), entry);
    if (!item) return std::move(item.failure());
    http::JsonFields fields(request);
    auto minutes = fields.String("minutes", http::Text::kProse);
    if (auto failure = fields.Finish()) return *failure;
    const AgendaItem written = WriteMinutes(module, *request.principal, entry, *item, *minutes);
    return Json(200, MinutesJson(written));
}

Reply PostDecision(const Module& module, const Request& request) {
    audit::Entry entry = core::AuditEntry(request, "", "");
    auto file = PathMeeting(module, request, entry, kTeamMeetAction);
    if (!file) return std::move(file.failure());
    auto item = ReachAgendaItem(module, *file, PathId(request, "item_id"), entry);
    if (!item) return std::move(item.failure());
    http::JsonFields fields(request);
    const std::int64_t goal_id = fields.Int("goal_id").value_or(0);
    PlanAction action{.title = fields.String("title", http::Text::kName).value_or(""),
                      .owner = ParseOwner(fields.String("owner").value_or("her")).value_or(Owner::kHer),
                      .owner_user_id = fields.Int("owner_user_id").value_or(0),
                      .owner_organization_id = fields.Int("owner_organization_id").value_or(0),
                      .due_on = fields.String("due_on").value_or("")};
    if (auto failure = fields.Finish()) return *failure;
    auto decided = Decide(module, *request.principal, entry, *item, goal_id, action);
    if (!decided) return std::move(decided.failure());
    return Json(201, DecisionJson(*decided));
}

}  // namespace

void AddTeamRoutes(core::Registry& registry, std::shared_ptr<const Module> module) {
    const std::string team = TeamSchema();
    const std::string share = ShareSchema();
    const std::string meeting = MeetingSchema();
    const std::vector<int> reads = {401, 403, 404};
    const std::vector<int> writes = {401, 403, 404, 422};
    registry.AddRoute({.method = http::Method::kPost,
                       .path = "/api/v1/organizations/{organization_id}/teams",
                       .policy_action = std::string(kTeamCreateAction),
                       .id = "createTeam",
                       .summary = "Make a multidisciplinary team of the organization, its maker its first member",
                       .tag = "cases",
                       .request = http::Schema(R"({"type":"object","additionalProperties":false,"required":["name"],
                           "properties":{"name":{"type":"string","minLength":1,"maxLength":200}}})"),
                       .response = http::Schema(team),
                       .status = 201,
                       .errors = writes,
                       .handler = core::Bind(module, &PostTeam)});
    registry.AddRoute({.method = http::Method::kGet,
                       .path = "/api/v1/teams",
                       .policy_action = std::string(kTeamReadAction),
                       .id = "listTeams",
                       .summary = "The teams the caller is on, and those of the organizations she coordinates",
                       .tag = "cases",
                       .response = http::Schema(R"({"type":"object","required":["items"],"properties":{
                           "items":{"type":"array","maxItems":200,"items":)" +
                                                team + "}}}"),
                       .errors = {401, 403},
                       .handler = core::Bind(module, &ListTeams)});
    registry.AddRoute({.method = http::Method::kGet,
                       .path = "/api/v1/teams/{team_id}",
                       .policy_action = std::string(kTeamReadAction),
                       .id = "getTeam",
                       .summary = "The team: its members, the cases shared with it and its meetings",
                       .tag = "cases",
                       .response = http::Schema(R"({"allOf":[)" + team +
                                                R"(,{"type":"object","required":["cases","meetings"],"properties":{
                           "cases":{"type":"array","items":)" +
                                                share + R"(},"meetings":{"type":"array","items":{"type":"object",
                           "required":["id","team_id","starts_at","place","created_at"],"properties":{
                           "id":{"type":"integer"},"team_id":{"type":"integer"},"starts_at":{"type":"integer"},
                           "place":{"type":"string"},"created_at":{"type":"integer"}}}}}}]})"),
                       .errors = reads,
                       .handler = core::Bind(module, &GetTeam)});
    for (const auto method : {http::Method::kPut, http::Method::kDelete}) {
        const bool add = method == http::Method::kPut;
        registry.AddRoute({.method = method,
                           .path = "/api/v1/teams/{team_id}/members/{member_id}",
                           .policy_action = std::string(kTeamManageAction),
                           .id = add ? "addTeamMember" : "removeTeamMember",
                           .summary = add ? "Put a worker of the organization or of one of its networks on the team"
                                          : "Take a member off the team",
                           .tag = "cases",
                           .response = http::Schema(team),
                           .errors = reads,
                           .handler = core::Bind(module, add ? &PutMember : &DeleteMember)});
    }
    registry.AddRoute({.method = http::Method::kPost,
                       .path = "/api/v1/cases/{case_id}/teams",
                       .policy_action = std::string(kTeamShareAction),
                       .id = "shareCaseWithTeam",
                       .summary = "Share the case with a team of its organization, with her consent",
                       .tag = "cases",
                       .request = http::Schema(R"({"type":"object","additionalProperties":false,"required":["team_id"],
                           "properties":{"team_id":{"type":"integer","minimum":1},
                           "consent_method":{"enum":["paper","verbal"],"description":"How she consented, as her worker records it; absent: her own consent record decides"}}})"),
                       .response = http::Schema(share),
                       .status = 201,
                       .errors = {401, 403, 404, 409, 422},
                       .handler = core::Bind(module, &PostShare)});
    registry.AddRoute({.method = http::Method::kGet,
                       .path = "/api/v1/cases/{case_id}/teams",
                       .policy_action = std::string(kReadAction),
                       .id = "listCaseTeams",
                       .summary = "The teams the case is shared with",
                       .tag = "cases",
                       .response = http::Schema(ItemsSchema(share)),
                       .errors = reads,
                       .handler = core::Bind(module, &ListShares)});
    registry.AddRoute({.method = http::Method::kDelete,
                       .path = "/api/v1/cases/{case_id}/teams/{team_id}",
                       .policy_action = std::string(kTeamShareAction),
                       .id = "unshareCaseWithTeam",
                       .summary = "Stop sharing the case with the team; answers the teams it is still shared with",
                       .tag = "cases",
                       .response = http::Schema(ItemsSchema(share)),
                       .errors = reads,
                       .handler = core::Bind(module, &DeleteShareRoute)});
    registry.AddRoute({.method = http::Method::kPost,
                       .path = "/api/v1/teams/{team_id}/meetings",
                       .policy_action = std::string(kTeamMeetAction),
                       .id = "planTeamMeeting",
                       .summary = "Plan a meeting of the team, its agenda cases shared with the team",
                       .tag = "cases",
                       .request = http::Schema(R"({"type":"object","additionalProperties":false,
                           "required":["starts_at","place","case_ids"],"properties":{
                           "starts_at":{"type":"integer","minimum":0},
                           "place":{"type":"string","minLength":1,"maxLength":200},
                           "case_ids":{"type":"array","minItems":1,"maxItems":50,
                             "items":{"type":"integer","minimum":1}}}})"),
                       .response = http::Schema(meeting),
                       .status = 201,
                       .errors = writes,
                       .handler = core::Bind(module, &PostMeeting)});
    registry.AddRoute({.method = http::Method::kGet,
                       .path = "/api/v1/meetings/{meeting_id}",
                       .policy_action = std::string(kTeamReadAction),
                       .id = "getTeamMeeting",
                       .summary = "A meeting of a team, with its agenda, minutes and decisions",
                       .tag = "cases",
                       .response = http::Schema(meeting),
                       .errors = reads,
                       .handler = core::Bind(module, &GetMeeting)});
    registry.AddRoute({.method = http::Method::kPut,
                       .path = "/api/v1/meetings/{meeting_id}/items/{item_id}/minutes",
                       .policy_action = std::string(kTeamMeetAction),
                       .id = "writeTeamMinutes",
                       .summary = "Write the minutes of an item of the meeting's agenda",
                       .tag = "cases",
                       .request = http::Schema(R"({"type":"object","additionalProperties":false,"required":["minutes"],
                           "properties":{"minutes":{"type":"string","minLength":1,"maxLength":20000}}})"),
                       .response = http::Schema(R"({"type":"object","required":["id","minutes","minutes_by",
                           "minutes_at"],"properties":{"id":{"type":"integer"},"minutes":{"type":"string"},
                           "minutes_by":{"type":["integer","null"]},"minutes_at":{"type":"integer"}}})"),
                       .errors = writes,
                       .handler = core::Bind(module, &PutMinutes)});
    registry.AddRoute({.method = http::Method::kPost,
                       .path = "/api/v1/meetings/{meeting_id}/items/{item_id}/decisions",
                       .policy_action = std::string(kTeamMeetAction),
                       .id = "decideInTeamMeeting",
                       .summary = "Record a decision about the item's case, as an action of her plan under one "
                                  "of its goals",
                       .tag = "cases",
                       .request = http::Schema(R"({"type":"object","additionalProperties":false,
                           "required":["goal_id","title","owner","due_on"],"properties":{
                           "goal_id":{"type":"integer","minimum":1},
                           "title":{"type":"string","minLength":1,"maxLength":300},
                           "owner":{"enum":["her","worker","partner"]},
                           "owner_user_id":{"type":"integer","description":"A worker of her team, for owner worker"},
                           "owner_organization_id":{"type":"integer",
                             "description":"An organization of her organization's networks, for owner partner"},
                           "due_on":)" + std::string(kDay) +
                                               "}}"),
                       .response = http::Schema(DecisionSchema()),
                       .status = 201,
                       .errors = writes,
                       .handler = core::Bind(module, &PostDecision)});
}

}  // namespace ponte::cases

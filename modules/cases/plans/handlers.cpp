#include "modules/cases/plans/handlers.hpp"

#include <boost/json.hpp>
#include <boost/url/parse_query.hpp>

#include "core/feature.hpp"
#include "core/http/json_body.hpp"
#include "core/http/openapi.hpp"
#include "core/i18n/catalogue.hpp"
#include "core/version.hpp"
#include "modules/cases/appointments/reminders.hpp"
#include "modules/cases/paths.hpp"
#include "modules/cases/plans/actions.hpp"
#include "modules/cases/policy.hpp"
#include "modules/cases/profile/store.hpp"

namespace ponte::cases {
namespace {

using http::Reply;
using http::Request;
using http::Response;

boost::json::object PlanJson(const Plan& plan) {
    boost::json::object json = ToJson(plan);
    json["etag"] = core::ETag(plan.version);
    return json;
}

Response PlanAnswer(const Plan& plan) {
    Response response = Response::Json(200, boost::json::serialize(PlanJson(plan)));
    core::SetETag(response, plan.version);
    return response;
}

std::int64_t IntIn(const boost::json::object& item, std::string_view key) {
    const auto* value = item.if_contains(key);
    return value != nullptr && value->is_int64() ? value->as_int64() : 0;
}

// The plan the body asks for; texts are checked as every text of a body is.
Plan DecodePlan(http::JsonFields& fields) {
    Plan plan;
    plan.agreed_on = fields.String("agreed_on").value_or("");
    if (const boost::json::array* reviews = fields.Array("reviews")) {
        for (const auto& review : *reviews) plan.reviews.emplace_back(review.as_string());
    }
    const boost::json::array* goals = fields.Array("goals");
    for (std::size_t g = 0; goals != nullptr && g < goals->size(); ++g) {
        const auto& item = (*goals)[g].as_object();
        const std::string at = "goals." + std::to_string(g) + ".";
        Goal goal{.id = IntIn(item, "id"),
                  .domain = std::string(item.at("domain").as_string()),
                  .statement = fields.StringIn(item, "statement", at + "statement", http::Text::kName).value_or(""),
                  .target = fields.StringIn(item, "target", at + "target").value_or("")};
        if (const auto* score = item.if_contains("target_score"); score != nullptr && score->is_int64()) {
            goal.target_score = static_cast<int>(score->as_int64());
        }
        const auto* actions = item.if_contains("actions");
        for (std::size_t a = 0; actions != nullptr && actions->is_array() && a < actions->as_array().size(); ++a) {
            const auto& step = actions->as_array()[a].as_object();
            const std::string field = at + "actions." + std::to_string(a) + ".";
            goal.actions.push_back(
                {.id = IntIn(step, "id"),
                 .title = fields.StringIn(step, "title", field + "title", http::Text::kName).value_or(""),
                 .owner = ParseOwner(step.at("owner").as_string()).value_or(Owner::kHer),
                 .owner_user_id = IntIn(step, "owner_user_id"),
                 .owner_organization_id = IntIn(step, "owner_organization_id"),
                 .due_on = std::string(step.at("due_on").as_string()),
                 .state = step.contains("state")
                              ? ParseActionState(step.at("state").as_string()).value_or(ActionState::kPlanned)
                              : ActionState::kPlanned});
        }
        plan.goals.push_back(std::move(goal));
    }
    return plan;
}

Reply GetPlan(const Module& module, const Request& request) {
    audit::Entry entry = core::AuditEntry(request, "", "");
    auto reached = ReachPathCase(module, request, entry, kReadAction);
    if (!reached) return std::move(reached.failure());
    return PlanAnswer(ReadCasePlan(module, entry, *reached));
}

Reply PutPlan(const Module& module, const Request& request) {
    audit::Entry entry = core::AuditEntry(request, "", "");
    auto reached = ReachPathCase(module, request, entry, kPlanWriteAction);
    if (!reached) return std::move(reached.failure());
    auto expected = core::ExpectedVersion(request);
    if (!expected) return std::move(expected.failure());
    http::JsonFields fields(request);
    Plan asked = DecodePlan(fields);
    if (auto failure = fields.Finish()) return *failure;
    auto written = RevisePlan(module, *request.principal, entry, *reached, *expected, std::move(asked));
    if (!written) return std::move(written.failure());
    return PlanAnswer(*written);
}

Reply ListVersions(const Module& module, const Request& request) {
    audit::Entry entry = core::AuditEntry(request, "", "");
    auto reached = ReachPathCase(module, request, entry, kReadAction);
    if (!reached) return std::move(reached.failure());
    boost::json::array items;
    for (auto& version : ReadPlanVersions(module, entry, *reached)) {
        items.push_back({{"version", version.version},
                         {"at", version.at},
                         {"by_user_id", version.by_user_id == 0 ? boost::json::value(nullptr) : version.by_user_id},
                         {"by_name", version.by_name},
                         {"changes", std::move(version.changes)},
                         {"plan", ToJson(version.plan)}});
    }
    return Response::Json(200, boost::json::serialize(boost::json::object{{"items", std::move(items)}}));
}

Reply PostActionState(const Module& module, const Request& request) {
    audit::Entry entry = core::AuditEntry(request, "", "");
    auto reached = ReachPlanAction(module, *request.principal, entry, kPlanWriteAction,
                                   core::ParseId(request.Param("action_id")).value_or(0));
    if (!reached) return std::move(reached.failure());
    auto expected = core::ExpectedVersion(request);
    if (!expected) return std::move(expected.failure());
    http::JsonFields fields(request);
    const auto state = ParseActionState(fields.String("state").value_or(""));
    if (auto failure = fields.Finish()) return *failure;
    auto written =
        SetActionState(module, *request.principal, entry, *reached, *expected, state.value_or(ActionState::kPlanned));
    if (!written) return std::move(written.failure());
    return PlanAnswer(*written);
}

// Her language (the first one she speaks that the catalogue has) and then the reader's, once each;
// or the languages the query's `languages` names.
core::Outcome<std::vector<std::string>> PdfLocales(const Module& module, const Request& request,
                                                   const Reached& reached) {
    const auto available = i18n::Catalogue::Instance().Locales();
    auto params = boost::urls::parse_query(request.query);
    for (const auto& param : params ? *params : boost::urls::params_encoded_view()) {
        if (param.key.decode() != "languages") continue;
        std::vector<std::string> asked;
        std::string list = param.has_value ? param.value.decode() : std::string();
        for (std::size_t start = 0; start <= list.size();) {
            const std::size_t comma = std::min(list.find(',', start), list.size());
            const std::string locale = list.substr(start, comma - start);
            if (std::find(available.begin(), available.end(), locale) == available.end() || asked.size() >= 2) {
                return core::Failure::BadParameter("languages", "unknown");
            }
            if (std::find(asked.begin(), asked.end(), locale) == asked.end()) asked.push_back(locale);
            start = comma + 1;
        }
        return asked;
    }
    const StoredPart profile =
        ReadPart(*module.database().Acquire(), module.keyring(), reached.record.woman_id, Part::kProfile);
    std::vector<std::string> locales{profile.content ? ReminderLocale(ProfileFrom(*profile.content)) : request.locale};
    const std::string reader(i18n::Catalogue::Instance().Resolve(request.locale));
    if (reader != locales.front()) locales.push_back(reader);
    return locales;
}

Reply GetPlanPdf(const Module& module, const Request& request) {
    audit::Entry entry = core::AuditEntry(request, "", "");
    auto reached = ReachPathCase(module, request, entry, kReadAction);
    if (!reached) return std::move(reached.failure());
    auto locales = PdfLocales(module, request, *reached);
    if (!locales) return std::move(locales.failure());
    Response response;
    response.body = PlanPdf(module, entry, *reached, *locales);
    response.headers.Set("Content-Type", "application/pdf");
    // Her code, never her name, in a file name that lands in a downloads folder.
    response.headers.Set("Content-Disposition", "attachment; filename=\"plan-" + reached->record.code + ".pdf\"");
    response.headers.Set("Cache-Control", "private, no-store");
    return response;
}

constexpr std::string_view kDays = R"("type":"string","pattern":"^[0-9]{4}-[0-9]{2}-[0-9]{2}$","maxLength":10)";

std::string RequestSchema() {
    return std::string(R"({"type":"object","additionalProperties":false,"required":["agreed_on","goals"],
        "properties":{"agreed_on":{)") +
           std::string(kDays) + R"(},"reviews":{"type":"array","maxItems":24,"items":{)" + std::string(kDays) +
           R"(}},"goals":{"type":"array","maxItems":20,"items":{"type":"object","additionalProperties":false,
        "required":["domain","statement","target"],"properties":{
          "id":{"type":"integer","minimum":1,"description":"A goal of the plan as it is; absent: a new goal"},
          "domain":{"enum":["language","documents","housing","health","work","education","money","digital",
            "social"]},
          "statement":{"type":"string","minLength":1,"maxLength":500},
          "target":{"type":"string","maxLength":500,"description":"How she and her worker will know it is reached"},
          "target_score":{"type":"integer","minimum":1,"maximum":5,
            "description":"The assessment score she aims at in the domain"},
          "actions":{"type":"array","maxItems":20,"items":{"type":"object","additionalProperties":false,
            "required":["title","owner","due_on"],"properties":{
              "id":{"type":"integer","minimum":1,"description":"An action of the plan as it is; absent: a new one"},
              "title":{"type":"string","minLength":1,"maxLength":300},
              "owner":{"enum":["her","worker","partner"]},
              "owner_user_id":{"type":"integer","description":"A worker of her team, for owner worker"},
              "owner_organization_id":{"type":"integer",
                "description":"An organization of her organization's networks, for owner partner"},
              "due_on":{)" +
           std::string(kDays) + R"(},"state":{"enum":["planned","in_progress","done","dropped"]}}}}}}}}})";
}

std::string PlanSchema() {
    return R"({"type":"object","required":["case_id","version","recorded","agreed_on","reviews",
        "goals","updated_by","updated_by_name","updated_at","etag"],"properties":{
        "case_id":{"type":"integer"},"version":{"type":"integer"},
        "recorded":{"type":"boolean","description":"False until the plan is first agreed"},
        "agreed_on":{"type":["string","null"]},"reviews":{"type":"array","items":{"type":"string"}},
        "goals":{"type":"array","items":{"type":"object","required":["id","domain","statement","target",
          "target_score","actions"],"properties":{"id":{"type":"integer"},"domain":{"type":"string"},
          "statement":{"type":"string"},"target":{"type":"string"},"target_score":{"type":["integer","null"]},
          "actions":{"type":"array","items":{"type":"object","required":["id","title","owner","owner_user_id",
            "owner_organization_id","owner_name","due_on","state","done_at"],"properties":{
            "id":{"type":"integer"},"title":{"type":"string"},"owner":{"enum":["her","worker","partner"]},
            "owner_user_id":{"type":["integer","null"]},"owner_organization_id":{"type":["integer","null"]},
            "owner_name":{"type":"string"},"due_on":{"type":"string"},
            "state":{"enum":["planned","in_progress","done","dropped"]},"done_at":{"type":["integer","null"]}}}}}}},
        "updated_by":{"type":["integer","null"]},"updated_by_name":{"type":"string"},
        "updated_at":{"type":["integer","null"]},"etag":{"type":"string"}}})";
}

}  // namespace

void AddPlanRoutes(core::Registry& registry, std::shared_ptr<const Module> module) {
    const std::string plan = PlanSchema();
    registry.AddRoute({.method = http::Method::kGet,
                       .path = "/api/v1/cases/{case_id}/plan",
                       .policy_action = std::string(kReadAction),
                       .id = "getCasePlan",
                       .summary = "Her personalized project: its goals, their actions and review days",
                       .tag = "cases",
                       .response = http::Schema(plan),
                       .errors = {401, 403, 404},
                       .handler = core::Bind(module, &GetPlan)});
    registry.AddRoute({.method = http::Method::kPut,
                       .path = "/api/v1/cases/{case_id}/plan",
                       .policy_action = std::string(kPlanWriteAction),
                       .id = "putCasePlan",
                       .summary = "Agree or revise her personalized project, as a whole: a new version; "
                                  "If-Match: its ETag (\"1\" before it is first agreed)",
                       .tag = "cases",
                       .parameters = core::IfMatchParameter(),
                       .request = http::Schema(RequestSchema()),
                       .response = http::Schema(plan),
                       .errors = {401, 403, 404, 412, 422, 428},
                       .handler = core::Bind(module, &PutPlan)});
    registry.AddRoute({.method = http::Method::kGet,
                       .path = "/api/v1/cases/{case_id}/plan/versions",
                       .policy_action = std::string(kReadAction),
                       .id = "listPlanVersions",
                       .summary = "Every version of her plan, newest first, with what changed in each",
                       .tag = "cases",
                       .response = http::Schema(R"({"type":"object","required":["items"],"properties":{
                           "items":{"type":"array","items":{"type":"object","required":["version","at",
                             "by_user_id","by_name","changes","plan"],"properties":{"version":{"type":"integer"},
                             "at":{"type":"integer"},"by_user_id":{"type":["integer","null"]},
                             "by_name":{"type":"string"},"changes":{"type":"array","items":{"type":"object",
                               "required":["what"],"properties":{"what":{"enum":["goal_added","goal_removed",
                               "goal_changed","action_added","action_removed","action_changed",
                               "reviews_changed"]}}}},"plan":)" +
                                                plan + "}}}}}"),
                       .errors = {401, 403, 404},
                       .handler = core::Bind(module, &ListVersions)});
    registry.AddRoute({.method = http::Method::kPost,
                       .path = "/api/v1/plan-actions/{action_id}/state",
                       .policy_action = std::string(kPlanWriteAction),
                       .id = "setPlanActionState",
                       .summary = "Move one action of her plan (done, under way, dropped): a new version of the "
                                  "plan; If-Match: the plan's ETag",
                       .tag = "cases",
                       .parameters = core::IfMatchParameter(),
                       .request = http::Schema(R"({"type":"object","additionalProperties":false,
                           "required":["state"],"properties":{
                           "state":{"enum":["planned","in_progress","done","dropped"]}}})"),
                       .response = http::Schema(plan),
                       .errors = {401, 403, 404, 412, 422, 428},
                       .handler = core::Bind(module, &PostActionState)});
    boost::json::array parameters;
    parameters.push_back({{"name", "languages"},
                          {"in", "query"},
                          {"required", false},
                          {"description",
                           "One or two languages of the catalogue, comma-separated (\"ar,it\"); "
                           "by default her language, then the reader's"},
                          {"schema", {{"type", "string"}, {"maxLength", 20}}}});
    registry.AddRoute({.method = http::Method::kGet,
                       .path = "/api/v1/cases/{case_id}/plan.pdf",
                       .policy_action = std::string(kReadAction),
                       .id = "getCasePlanPdf",
                       .summary = "Her plan as a PDF to print and give her: in her language, then in her worker's",
                       .tag = "cases",
                       .parameters = std::move(parameters),
                       .response = http::Schema(R"({"type":"string","format":"binary"})"),
                       .media_type = "application/pdf",
                       .errors = {400, 401, 403, 404},
                       .handler = core::Bind(module, &GetPlanPdf)});
}

}  // namespace ponte::cases

#include "modules/cases/her/handlers.hpp"

#include <boost/json.hpp>

#include "core/calendar/ics.hpp"
#include "core/feature.hpp"
#include "core/http/json_body.hpp"
#include "core/http/openapi.hpp"
#include "core/i18n/catalogue.hpp"
#include "modules/cases/appointments/feed.hpp"
#include "modules/cases/documents/handlers.hpp"
#include "modules/cases/her/actions.hpp"
#include "modules/cases/paths.hpp"
#include "modules/cases/policy.hpp"

namespace ponte::cases {
namespace {

using http::Reply;
using http::Request;
using http::Response;

struct HerService {
    std::shared_ptr<const Module> module;
    std::string uid_domain;
};

boost::json::value NullIfZero(std::int64_t value) {
    return value == 0 ? boost::json::value(nullptr) : boost::json::value(value);
}

// Her plan as she reads it: what she and her team agreed, without the ids of who takes an action.
boost::json::object PlanJson(const Plan& plan, boost::json::array changes) {
    boost::json::array goals;
    for (const auto& goal : plan.goals) {
        boost::json::array actions;
        for (const auto& action : goal.actions) {
            actions.push_back({{"id", action.id},
                               {"title", action.title},
                               {"owner", OwnerName(action.owner)},
                               {"owner_name", action.owner_name},
                               {"due_on", action.due_on},
                               {"state", ActionStateName(action.state)},
                               {"done_at", NullIfZero(action.done_at)}});
        }
        goals.push_back({{"id", goal.id},
                         {"domain", goal.domain},
                         {"statement", goal.statement},
                         {"target", goal.target},
                         {"actions", std::move(actions)}});
    }
    boost::json::array reviews;
    for (const auto& review : plan.reviews) reviews.emplace_back(review);
    return {{"version", plan.version},       {"agreed_on", plan.agreed_on},
            {"reviews", std::move(reviews)}, {"updated_at", NullIfZero(plan.updated_at)},
            {"goals", std::move(goals)},     {"changes", std::move(changes)}};
}

boost::json::object AppointmentJson(const HerAppointment& her) {
    const Appointment& appointment = her.appointment;
    return {{"id", appointment.id},
            {"starts_at", appointment.starts_at},
            {"ends_at", appointment.ends_at},
            {"visit", VisitName(appointment.visit)},
            {"place_name", appointment.place_name},
            {"place_address", her.place_address},
            {"time_zone", her.time_zone},
            {"worker_name", appointment.worker_name},
            {"interpreter_language", appointment.interpreter_language}};
}

boost::json::object CaseJson(HerCase her) {
    boost::json::array appointments;
    for (const auto& appointment : her.appointments) appointments.push_back(AppointmentJson(appointment));
    boost::json::array notes;
    for (const auto& note : her.notes) {
        notes.push_back({{"id", note.id}, {"text", note.text}, {"created_at", note.created_at}});
    }
    boost::json::array documents;
    for (const auto& document : her.documents) {
        documents.push_back({{"id", document.id},
                             {"name", document.name},
                             {"media_type", document.media_type},
                             {"size_bytes", document.size_bytes},
                             {"created_at", document.created_at}});
    }
    return {{"case_id", her.record.id},
            {"chosen_name", her.record.chosen_name},
            {"state", StateName(her.record.state)},
            {"organization_name", her.organization_name},
            {"plan", her.plan.recorded ? boost::json::value(PlanJson(her.plan, std::move(her.changes))) : nullptr},
            {"appointments", std::move(appointments)},
            {"notes", std::move(notes)},
            {"documents", std::move(documents)}};
}

Reply GetHerCases(const HerService& service, const Request& request) {
    boost::json::array items;
    for (auto& her :
         ReadHerCases(*service.module, *request.principal, core::AuditEntry(request, "", ""), core::NowMs())) {
        items.push_back(CaseJson(std::move(her)));
    }
    return Response::Json(200, boost::json::serialize(boost::json::object{{"items", std::move(items)}}));
}

core::Outcome<ReachedAction> ReachPathAction(const HerService& service, const Request& request, audit::Entry& entry) {
    return ReachHerAction(*service.module, *request.principal, entry,
                          core::ParseId(request.Param("action_id")).value_or(0));
}

Reply PostDone(const HerService& service, const Request& request) {
    audit::Entry entry = core::AuditEntry(request, "", "");
    auto reached = ReachPathAction(service, request, entry);
    if (!reached) return std::move(reached.failure());
    auto plan = MarkHerActionDone(*service.module, *request.principal, entry, *reached);
    if (!plan) return std::move(plan.failure());
    std::int64_t done_at = 0;
    for (const auto& goal : plan->goals) {
        for (const auto& action : goal.actions) {
            if (action.id == reached->action_id) done_at = action.done_at;
        }
    }
    return Response::Json(200, boost::json::serialize(boost::json::object{
                                   {"id", reached->action_id}, {"state", "done"}, {"done_at", done_at}}));
}

Reply PostHelp(const HerService& service, const Request& request) {
    audit::Entry entry = core::AuditEntry(request, "", "");
    auto reached = ReachPathAction(service, request, entry);
    if (!reached) return std::move(reached.failure());
    http::JsonFields fields(request);
    auto message = fields.String("message");
    if (auto failure = fields.Finish()) return *failure;
    auto asked = AskForHelp(*service.module, *request.principal, entry, *reached, message.value_or(""));
    if (!asked) return std::move(asked.failure());
    return Response::Json(201, boost::json::serialize(boost::json::object{{"asked", true}}));
}

// One appointment as an iCalendar document to add to her calendar. Its summary is read on her lock
// screen and by whoever shares her calendar: "Appointment", with the organization's name only when
// her rules allow it; the place's address, and its name likewise.
Reply GetAppointmentCalendar(const HerService& service, const Request& request) {
    audit::Entry entry = core::AuditEntry(request, "", "");
    auto reached = ReachHerAppointment(*service.module, *request.principal, entry,
                                       core::ParseId(request.Param("appointment_id")).value_or(0));
    if (!reached) return std::move(reached.failure());
    const auto& catalogue = i18n::Catalogue::Instance();
    const Appointment& appointment = reached->appointment.appointment;
    std::string location = reached->appointment.place_address;
    if (!appointment.place_name.empty()) {
        location = location.empty() ? appointment.place_name : appointment.place_name + ", " + location;
    }
    calendar::Calendar out{.product_id = "-//Ponte//Ponte//EN"};
    out.events.push_back({
        .uid = "appointment-" + std::to_string(appointment.id) + "@" + service.uid_domain,
        .start_ms = appointment.starts_at,
        .end_ms = appointment.ends_at,
        .summary = reached->organization_name.empty()
                       ? catalogue.Translate(request.locale, "cases.her.calendar.summary")
                       : catalogue.Format(request.locale, "cases.her.calendar.summary_named",
                                          {{"organization", reached->organization_name}}),
        .location = location,
        .status = appointment.state == Attendance::kCancelled ? calendar::EventStatus::kCancelled
                                                              : calendar::EventStatus::kConfirmed,
        .sequence = static_cast<int>(appointment.version - 1),
        .stamp_ms = core::NowMs(),
    });
    Response response;
    response.status = 200;
    response.headers.Set("Content-Type", std::string(calendar::kMediaType));
    response.headers.Set("Content-Disposition", "attachment; filename=\"appointment.ics\"");
    response.headers.Set("Cache-Control", "private, no-store");
    response.body = calendar::WriteCalendar(out);
    return response;
}

Reply GetDocument(const HerService& service, const Request& request) {
    auto file = ReadHerDocument(*service.module, *request.principal, core::AuditEntry(request, "", ""),
                                core::ParseId(request.Param("case_id")).value_or(0),
                                core::ParseId(request.Param("document_id")).value_or(0));
    if (!file) return std::move(file.failure());
    return DocumentDownload(std::move(*file));
}

Reply PutAccount(const HerService& service, const Request& request) {
    audit::Entry entry = core::AuditEntry(request, "", "");
    auto reached = ReachPathCase(*service.module, request, entry, kAccountLinkAction);
    if (!reached) return std::move(reached.failure());
    http::JsonFields fields(request);
    auto user_id = fields.Int("user_id");
    if (auto failure = fields.Finish()) return *failure;
    auto name = LinkHerAccount(*service.module, *request.principal, entry, *reached, *user_id);
    if (!name) return std::move(name.failure());
    return Response::Json(200,
                          boost::json::serialize(boost::json::object{{"user_id", *user_id}, {"display_name", *name}}));
}

Reply DeleteAccount(const HerService& service, const Request& request) {
    audit::Entry entry = core::AuditEntry(request, "", "");
    auto reached = ReachPathCase(*service.module, request, entry, kAccountLinkAction);
    if (!reached) return std::move(reached.failure());
    auto name = LinkHerAccount(*service.module, *request.principal, entry, *reached, 0);
    if (!name) return std::move(name.failure());
    Response response;
    response.status = 204;
    return response;
}

constexpr std::string_view kHerCaseSchema = R"({"type":"object","required":["case_id","chosen_name","state",
    "organization_name","plan","appointments","notes","documents"],"properties":{
    "case_id":{"type":"integer"},"chosen_name":{"type":"string"},
    "state":{"enum":["intake","active","suspended","closed"]},
    "organization_name":{"type":"string","description":"Empty unless her safe-contact rules let it be named"},
    "plan":{"type":["object","null"],"required":["version","agreed_on","reviews","updated_at","goals","changes"],
      "properties":{"version":{"type":"integer"},"agreed_on":{"type":"string"},
        "reviews":{"type":"array","items":{"type":"string"}},"updated_at":{"type":["integer","null"]},
        "goals":{"type":"array","items":{"type":"object","required":["id","domain","statement","target","actions"],
          "properties":{"id":{"type":"integer"},"domain":{"type":"string"},"statement":{"type":"string"},
          "target":{"type":"string"},
          "actions":{"type":"array","items":{"type":"object","required":["id","title","owner","owner_name",
            "due_on","state","done_at"],"properties":{"id":{"type":"integer"},"title":{"type":"string"},
            "owner":{"enum":["her","worker","partner"]},
            "owner_name":{"type":"string","description":"A partner organization's only when it may be named"},
            "due_on":{"type":"string"},"state":{"enum":["planned","in_progress","done","dropped"]},
            "done_at":{"type":["integer","null"]}}}}}}},
        "changes":{"type":"array","description":"What the latest version changed","items":{"type":"object",
          "required":["what"],"properties":{"what":{"enum":["goal_added","goal_removed","goal_changed",
            "action_added","action_removed","action_changed","reviews_changed"]},"domain":{"type":"string"},
          "title":{"type":"string"},"statement":{"type":"string"},
          "fields":{"type":"array","items":{"type":"string"}},"state":{"enum":["planned","in_progress","done","dropped"]},"due_on":{"type":"string"}}}}}},
    "appointments":{"type":"array","description":"Booked and not yet over, the soonest first",
      "items":{"type":"object","required":["id","starts_at","ends_at","visit","place_name","place_address",
        "time_zone","worker_name","interpreter_language"],"properties":{"id":{"type":"integer"},"starts_at":{"type":"integer"},
        "ends_at":{"type":"integer"},"visit":{"enum":["intake","follow_up","walk_in"]},
        "place_name":{"type":"string","description":"Empty unless the organization may be named"},
        "place_address":{"type":"string"},
        "time_zone":{"type":"string","description":"The place's (IANA), in which she reads the time"},
        "worker_name":{"type":"string"},
        "interpreter_language":{"type":"string"}}}},
    "notes":{"type":"array","items":{"type":"object","required":["id","text","created_at"],"properties":{
      "id":{"type":"integer"},"text":{"type":"string"},"created_at":{"type":"integer"}}}},
    "documents":{"type":"array","items":{"type":"object","required":["id","name","media_type","size_bytes",
      "created_at"],"properties":{"id":{"type":"integer"},"name":{"type":"string"},"media_type":{"type":"string"},
      "size_bytes":{"type":"integer"},"created_at":{"type":"integer"}}}}}})";

}  // namespace

void AddHerRoutes(core::Registry& registry, std::shared_ptr<const Module> module) {
    const auto service =
        std::make_shared<const HerService>(HerService{std::move(module), UidDomain(registry.deployment().public_url)});
    registry.AddRoute({.method = http::Method::kGet,
                       .path = "/api/v1/my/cases",
                       .policy_action = std::string(kOwnReadAction),
                       .id = "listMyCases",
                       .summary = "Her own cases as she reads them: her plan and what changed in it, her next "
                                  "appointments, the notes and documents her team shares with her",
                       .tag = "cases",
                       .response = http::Schema(R"({"type":"object","required":["items"],"properties":{
                           "items":{"type":"array","items":)" +
                                                std::string(kHerCaseSchema) + "}}}"),
                       .errors = {401, 403},
                       .handler = core::Bind(service, &GetHerCases)});
    registry.AddRoute({.method = http::Method::kPost,
                       .path = "/api/v1/my/actions/{action_id}/done",
                       .policy_action = std::string(kOwnActAction),
                       .id = "markMyActionDone",
                       .summary = "She marks an action of her plan that is hers done (a new version of the plan)",
                       .tag = "cases",
                       .response = http::Schema(R"({"type":"object","required":["id","state","done_at"],
                           "properties":{"id":{"type":"integer"},"state":{"const":"done"},
                           "done_at":{"type":"integer"}}})"),
                       .errors = {401, 403, 404, 412, 422},
                       .handler = core::Bind(service, &PostDone)});
    registry.AddRoute({.method = http::Method::kPost,
                       .path = "/api/v1/my/actions/{action_id}/help",
                       .policy_action = std::string(kOwnActAction),
                       .id = "askForHelpWithMyAction",
                       .summary = "She asks her team for help with an action of her plan: on the case's timeline, "
                                  "and her lead worker is mailed",
                       .tag = "cases",
                       .request = http::Schema(R"({"type":"object","additionalProperties":false,"properties":{
                           "message":{"type":"string","maxLength":2000,"description":"In her own words"}}})"),
                       .response = http::Schema(R"({"type":"object","required":["asked"],"properties":{
                           "asked":{"const":true}}})"),
                       .status = 201,
                       .errors = {401, 403, 404, 422},
                       .handler = core::Bind(service, &PostHelp)});
    registry.AddRoute({.method = http::Method::kGet,
                       .path = "/api/v1/my/appointments/{appointment_id}/calendar",
                       .policy_action = std::string(kOwnReadAction),
                       .id = "getMyAppointmentCalendar",
                       .summary = "One of her appointments as an iCalendar file to add to her calendar, that names "
                                  "the organization only when her safe-contact rules allow it",
                       .tag = "cases",
                       .response = http::Schema(R"({"type":"string"})"),
                       .media_type = std::string(calendar::kMediaType),
                       .errors = {401, 403, 404},
                       .handler = core::Bind(service, &GetAppointmentCalendar)});
    registry.AddRoute({.method = http::Method::kGet,
                       .path = "/api/v1/my/cases/{case_id}/documents/{document_id}",
                       .policy_action = std::string(kOwnReadAction),
                       .id = "downloadMyDocument",
                       .summary = "A document her team shares with her, as an attachment",
                       .tag = "cases",
                       .response = http::Schema(R"({"type":"string","contentMediaType":"application/octet-stream"})"),
                       .media_type = "application/octet-stream",
                       .errors = {401, 403, 404},
                       .handler = core::Bind(service, &GetDocument)});
    const std::string linked = R"({"type":"object","required":["user_id","display_name"],"properties":{
        "user_id":{"type":"integer"},"display_name":{"type":"string"}}})";
    registry.AddRoute({.method = http::Method::kPut,
                       .path = "/api/v1/cases/{case_id}/account",
                       .policy_action = std::string(kAccountLinkAction),
                       .id = "linkCaseAccount",
                       .summary = "Link her own account (a participant of the case's organization) to her record, "
                                  "so that she reads her own view",
                       .tag = "cases",
                       .request = http::Schema(R"({"type":"object","additionalProperties":false,
                           "required":["user_id"],"properties":{"user_id":{"type":"integer","minimum":1}}})"),
                       .response = http::Schema(linked),
                       .errors = {401, 403, 404, 409, 422},
                       .handler = core::Bind(service, &PutAccount)});
    registry.AddRoute({.method = http::Method::kDelete,
                       .path = "/api/v1/cases/{case_id}/account",
                       .policy_action = std::string(kAccountLinkAction),
                       .id = "unlinkCaseAccount",
                       .summary = "Unlink her account from her record: she no longer reads her own view of it",
                       .tag = "cases",
                       .status = 204,
                       .errors = {401, 403, 404},
                       .handler = core::Bind(service, &DeleteAccount)});
}

}  // namespace ponte::cases

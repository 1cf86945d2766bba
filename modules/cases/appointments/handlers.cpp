#include "modules/cases/appointments/handlers.hpp"

#include <boost/json.hpp>
#include <boost/url/parse_query.hpp>
#include <charconv>

#include "core/feature.hpp"
#include "core/http/json_body.hpp"
#include "core/http/openapi.hpp"
#include "core/i18n/local_time.hpp"
#include "core/version.hpp"
#include "modules/cases/appointments/actions.hpp"
#include "modules/cases/paths.hpp"
#include "modules/cases/policy.hpp"

namespace ponte::cases {
namespace {

using core::Failure;
using http::Reply;
using http::Request;
using http::Response;

boost::json::object PlaceJson(const Place& place) {
    boost::json::array hours;
    for (const auto& range : place.hours) {
        hours.push_back(
            {{"weekday", range.weekday}, {"opens", ClockText(range.opens)}, {"closes", ClockText(range.closes)}});
    }
    return {{"id", place.id},
            {"organization_id", place.organization_id},
            {"name", place.name},
            {"address", place.address},
            {"time_zone", place.time_zone},
            {"hours", std::move(hours)}};
}

boost::json::object InterpreterJson(const Interpreter& interpreter) {
    boost::json::array languages;
    for (const auto& language : interpreter.languages) languages.emplace_back(language);
    return {{"id", interpreter.id},
            {"organization_id", interpreter.organization_id},
            {"name", interpreter.name},
            {"languages", std::move(languages)},
            {"contact", interpreter.contact}};
}

boost::json::value Named(std::int64_t id, const std::string& name) {
    if (id == 0) return nullptr;
    return boost::json::object{{"id", id}, {"name", name}};
}

boost::json::object AppointmentJson(const Appointment& appointment) {
    return {
        {"id", appointment.id},
        {"case_id", appointment.case_id},
        {"place", Named(appointment.place_id, appointment.place_name)},
        {"worker", Named(appointment.worker_user_id, appointment.worker_name)},
        {"interpreter", Named(appointment.interpreter_id, appointment.interpreter_name)},
        {"interpreter_language", appointment.interpreter_language.empty()
                                     ? boost::json::value(nullptr)
                                     : boost::json::value(appointment.interpreter_language)},
        {"visit", VisitName(appointment.visit)},
        {"state", AttendanceName(appointment.state)},
        {"starts_at", appointment.starts_at},
        {"ends_at", appointment.ends_at},
        {"reason", appointment.reason.empty() ? boost::json::value(nullptr) : boost::json::value(appointment.reason)},
        {"etag", core::ETag(appointment.version)}};
}

Response AppointmentAnswer(int status, const Appointment& appointment) {
    Response response = Response::Json(status, boost::json::serialize(AppointmentJson(appointment)));
    core::SetETag(response, appointment.version);
    return response;
}

Reply PostPlace(const Module& module, const Request& request) {
    audit::Entry entry = core::AuditEntry(request, "", "");
    auto organization = ReachPathOrganization(module, request, entry, kPlaceManageAction);
    if (!organization) return std::move(organization.failure());
    http::JsonFields fields(request);
    Place place{.organization_id = *organization};
    place.name = fields.String("name", http::Text::kName).value_or("");
    place.address = fields.String("address").value_or("");
    place.time_zone = fields.String("time_zone").value_or("");
    if (const boost::json::array* hours = fields.Array("hours")) {
        for (const auto& item : *hours) {
            const auto& range = item.as_object();
            place.hours.push_back({.weekday = static_cast<int>(range.at("weekday").as_int64()),
                                   .opens = ParseClock(range.at("opens").as_string()).value_or(0),
                                   .closes = ParseClock(range.at("closes").as_string()).value_or(0)});
        }
    }
    if (auto failure = fields.Finish()) return *failure;
    auto created = CreatePlace(module, entry, std::move(place));
    if (!created) return std::move(created.failure());
    return Response::Json(201, boost::json::serialize(PlaceJson(*created)));
}

Reply ListPlaces(const Module& module, const Request& request) {
    audit::Entry entry = core::AuditEntry(request, "", "");
    auto organization = ReachPathOrganization(module, request, entry, kPlaceReadAction);
    if (!organization) return std::move(organization.failure());
    boost::json::array items;
    for (const auto& place : PlacesOf(*module.database().Acquire(), *organization)) items.push_back(PlaceJson(place));
    return Response::Json(200, boost::json::serialize(boost::json::object{{"items", std::move(items)}}));
}

Reply PostInterpreter(const Module& module, const Request& request) {
    audit::Entry entry = core::AuditEntry(request, "", "");
    auto organization = ReachPathOrganization(module, request, entry, kInterpreterManageAction);
    if (!organization) return std::move(organization.failure());
    http::JsonFields fields(request);
    Interpreter interpreter{.organization_id = *organization};
    interpreter.name = fields.String("name", http::Text::kName).value_or("");
    interpreter.contact = fields.String("contact").value_or("");
    if (const boost::json::array* languages = fields.Array("languages")) {
        for (const auto& language : *languages) interpreter.languages.emplace_back(language.as_string());
    }
    if (auto failure = fields.Finish()) return *failure;
    return Response::Json(201, boost::json::serialize(InterpreterJson(CreateInterpreter(module, entry, interpreter))));
}

Reply ListInterpreters(const Module& module, const Request& request) {
    audit::Entry entry = core::AuditEntry(request, "", "");
    auto organization = ReachPathOrganization(module, request, entry, kPlaceReadAction);
    if (!organization) return std::move(organization.failure());
    boost::json::array items;
    for (const auto& interpreter : InterpretersOf(*module.database().Acquire(), *organization))
        items.push_back(InterpreterJson(interpreter));
    return Response::Json(200, boost::json::serialize(boost::json::object{{"items", std::move(items)}}));
}

Reply GetSlots(const Module& module, const Request& request) {
    audit::Entry entry = core::AuditEntry(request, "", "");
    const auto place_id = core::ParseId(request.Param("place_id"));
    std::optional<Place> place;
    if (place_id) place = FindPlace(*module.database().Acquire(), *place_id);
    // A place is reached through its organization: out of reach, it is answered as a missing one.
    auto organization =
        ReachOrganization(module, *request.principal, entry, kPlaceReadAction, place ? place->organization_id : 0);
    if (!organization) return std::move(organization.failure());
    std::optional<i18n::Date> date;
    std::int64_t worker = 0;
    int minutes = 30;
    auto params = boost::urls::parse_query(request.query);
    if (!params) return core::Failure::BadParameter("date", "format");
    for (const auto& param : *params) {
        const std::string key = param.key.decode();
        const std::string value = param.has_value ? param.value.decode() : std::string();
        if (key == "date") {
            date = i18n::ParseIsoDate(value);
            if (!date) return core::Failure::BadParameter("date", "format");
        } else if (key == "worker_id") {
            const auto id = core::ParseId(value);
            if (!id) return core::Failure::BadParameter("worker_id", "format");
            worker = *id;
        } else if (key == "minutes") {
            const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), minutes);
            if (error != std::errc() || end != value.data() + value.size())
                return core::Failure::BadParameter("minutes", "format");
            if (minutes < 15) return core::Failure::BadParameter("minutes", "too_small");
            if (minutes > 240) return core::Failure::BadParameter("minutes", "too_large");
        }
    }
    if (!date) return core::Failure::BadParameter("date", "required");
    auto slots = FindFreeSlots(module, *place, worker != 0 ? worker : request.principal->user_id, date->year,
                               date->month, date->day, minutes);
    if (!slots) return std::move(slots.failure());
    boost::json::array items;
    for (const auto& slot : *slots) items.push_back({{"starts_at", slot.starts_at}, {"ends_at", slot.ends_at}});
    return Response::Json(200, boost::json::serialize(boost::json::object{{"items", std::move(items)}}));
}

Reply PostAppointment(const Module& module, const Request& request) {
    audit::Entry entry = core::AuditEntry(request, "", "");
    auto reached = ReachPathCase(module, request, entry, kAppointmentBookAction);
    if (!reached) return std::move(reached.failure());
    http::JsonFields fields(request);
    Booking booking;
    booking.place_id = fields.Int("place_id").value_or(0);
    booking.worker_user_id = fields.Int("worker_user_id").value_or(0);
    booking.interpreter_id = fields.Int("interpreter_id").value_or(0);
    booking.interpreter_language = fields.String("interpreter_language").value_or("");
    booking.visit = ParseVisit(fields.String("visit").value_or("")).value_or(Visit::kFollowUp);
    booking.starts_at = fields.Int("starts_at").value_or(0);
    booking.ends_at = fields.Int("ends_at").value_or(0);
    if (auto failure = fields.Finish()) return *failure;
    auto booked = BookAppointment(module, *request.principal, entry, *reached, booking);
    if (!booked) return std::move(booked.failure());
    return AppointmentAnswer(201, *booked);
}

Reply ListAppointments(const Module& module, const Request& request) {
    audit::Entry entry = core::AuditEntry(request, "", "");
    auto reached = ReachPathCase(module, request, entry, kReadAction);
    if (!reached) return std::move(reached.failure());
    boost::json::array items;
    for (const auto& appointment : ReadAppointments(module, entry, *reached))
        items.push_back(AppointmentJson(appointment));
    return Response::Json(200, boost::json::serialize(boost::json::object{{"items", std::move(items)}}));
}

Reply PostOutcome(const Module& module, const Request& request) {
    audit::Entry entry = core::AuditEntry(request, "", "");
    auto reached = ReachAppointment(module, *request.principal, entry, kAppointmentBookAction,
                                    core::ParseId(request.Param("appointment_id")).value_or(0));
    if (!reached) return std::move(reached.failure());
    auto expected = core::ExpectedVersion(request);
    if (!expected) return std::move(expected.failure());
    http::JsonFields fields(request);
    auto state = fields.String("state");
    auto reason = fields.String("reason");
    if (auto failure = fields.Finish()) return *failure;
    auto changed = RecordAppointmentOutcome(module, *request.principal, entry, *reached, *expected,
                                            ParseAttendance(*state).value_or(Attendance::kBooked), reason.value_or(""));
    if (!changed) return std::move(changed.failure());
    return AppointmentAnswer(200, *changed);
}

constexpr std::string_view kClock =
    R"({"type":"string","pattern":"^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$","maxLength":5})";
constexpr std::string_view kLanguageTag =
    R"({"type":"string","pattern":"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$","maxLength":35})";

std::string PlaceSchema() {
    return R"({"type":"object","required":["id","organization_id","name","address","time_zone","hours"],"properties":{
        "id":{"type":"integer"},"organization_id":{"type":"integer"},"name":{"type":"string"},
        "address":{"type":"string"},"time_zone":{"type":"string"},"hours":{"type":"array","items":{"type":"object",
          "required":["weekday","opens","closes"],"properties":{"weekday":{"type":"integer"},"opens":)" +
           std::string(kClock) + R"(,"closes":)" + std::string(kClock) + "}}}}}";
}

constexpr std::string_view kInterpreterSchema = R"({"type":"object",
    "required":["id","organization_id","name","languages","contact"],"properties":{"id":{"type":"integer"},
    "organization_id":{"type":"integer"},"name":{"type":"string"},"languages":{"type":"array",
    "items":{"type":"string"}},"contact":{"type":"string"}}})";

constexpr std::string_view kAppointmentSchema = R"({"type":"object","required":["id","case_id","place","worker",
    "interpreter","interpreter_language","visit","state","starts_at","ends_at","reason","etag"],"properties":{
    "id":{"type":"integer"},"case_id":{"type":"integer"},
    "place":{"type":["object","null"],"required":["id","name"],"properties":{"id":{"type":"integer"},"name":{"type":"string"}}},
    "worker":{"type":["object","null"],"required":["id","name"],"properties":{"id":{"type":"integer"},"name":{"type":"string"}}},
    "interpreter":{"type":["object","null"],"required":["id","name"],
      "properties":{"id":{"type":"integer"},"name":{"type":"string"}}},
    "interpreter_language":{"type":["string","null"]},"visit":{"enum":["intake","follow_up","walk_in"]},
    "state":{"enum":["booked","attended","cancelled","no_show"]},"starts_at":{"type":"integer"},
    "ends_at":{"type":"integer"},"reason":{"type":["string","null"]},"etag":{"type":"string"}}})";

std::string ListSchema(std::string_view item) {
    return R"({"type":"object","required":["items"],"properties":{"items":{"type":"array","items":)" +
           std::string(item) + "}}}";
}

boost::json::array SlotParameters() {
    return {{{"name", "date"},
             {"in", "query"},
             {"required", true},
             {"description", "The day, in the place's time zone (YYYY-MM-DD)"},
             {"schema", {{"type", "string"}, {"pattern", "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}}}},
            {{"name", "worker_id"},
             {"in", "query"},
             {"required", false},
             {"description", "The worker whose free slots are asked (the caller when absent)"},
             {"schema", {{"type", "integer"}, {"minimum", 1}}}},
            {{"name", "minutes"},
             {"in", "query"},
             {"required", false},
             {"description", "The length of a slot, 15 to 240 minutes (30 when absent)"},
             {"schema", {{"type", "integer"}, {"minimum", 15}, {"maximum", 240}}}}};
}

}  // namespace

void AddAppointmentRoutes(core::Registry& registry, std::shared_ptr<const Module> module) {
    const std::string place_schema = PlaceSchema();
    registry.AddRoute(
        {.method = http::Method::kPost,
         .path = "/api/v1/organizations/{organization_id}/places",
         .policy_action = std::string(kPlaceManageAction),
         .id = "createPlace",
         .summary = "Add a place where the organization receives women (its listening space), with its time zone "
                    "and opening hours",
         .tag = "cases",
         .request = http::Schema(R"({"type":"object","additionalProperties":false,
             "required":["name","address","time_zone","hours"],"properties":{
             "name":{"type":"string","minLength":1,"maxLength":100},"address":{"type":"string","maxLength":300},
             "time_zone":{"type":"string","minLength":1,"maxLength":64,"description":"An IANA time zone"},
             "hours":{"type":"array","maxItems":28,"items":{"type":"object","additionalProperties":false,
               "required":["weekday","opens","closes"],"properties":{
               "weekday":{"type":"integer","minimum":1,"maximum":7,"description":"ISO: 1 Monday ... 7 Sunday"},
               "opens":)" + std::string(kClock) +
                                 R"(,"closes":)" + std::string(kClock) + "}}}}}"),
         .response = http::Schema(place_schema),
         .status = 201,
         .errors = {401, 403, 404, 422},
         .handler = core::Bind(module, &PostPlace)});
    registry.AddRoute({.method = http::Method::kGet,
                       .path = "/api/v1/organizations/{organization_id}/places",
                       .policy_action = std::string(kPlaceReadAction),
                       .id = "listPlaces",
                       .summary = "The organization's places, with their opening hours",
                       .tag = "cases",
                       .response = http::Schema(ListSchema(place_schema)),
                       .errors = {401, 403, 404},
                       .handler = core::Bind(module, &ListPlaces)});
    registry.AddRoute({.method = http::Method::kGet,
                       .path = "/api/v1/places/{place_id}/slots",
                       .policy_action = std::string(kPlaceReadAction),
                       .id = "listFreeSlots",
                       .summary = "A worker's free slots at the place on a day: its opening hours less her "
                                  "appointments, slots already begun left out",
                       .tag = "cases",
                       .parameters = SlotParameters(),
                       .response = http::Schema(ListSchema(R"({"type":"object","required":["starts_at","ends_at"],
                           "properties":{"starts_at":{"type":"integer"},"ends_at":{"type":"integer"}}})")),
                       .errors = {400, 401, 403, 404},
                       .handler = core::Bind(module, &GetSlots)});
    registry.AddRoute(
        {.method = http::Method::kPost,
         .path = "/api/v1/organizations/{organization_id}/interpreters",
         .policy_action = std::string(kInterpreterManageAction),
         .id = "createInterpreter",
         .summary = "Add an interpreter or cultural mediator the organization books, with the languages she speaks",
         .tag = "cases",
         .request = http::Schema(R"({"type":"object","additionalProperties":false,"required":["name","languages"],
             "properties":{"name":{"type":"string","minLength":1,"maxLength":100},
             "languages":{"type":"array","minItems":1,"maxItems":20,"uniqueItems":true,"items":)" +
                                 std::string(kLanguageTag) + R"(},
             "contact":{"type":"string","maxLength":200}}})"),
         .response = http::Schema(std::string(kInterpreterSchema)),
         .status = 201,
         .errors = {401, 403, 404, 422},
         .handler = core::Bind(module, &PostInterpreter)});
    registry.AddRoute({.method = http::Method::kGet,
                       .path = "/api/v1/organizations/{organization_id}/interpreters",
                       .policy_action = std::string(kPlaceReadAction),
                       .id = "listInterpreters",
                       .summary = "The organization's interpreters and cultural mediators, with their languages",
                       .tag = "cases",
                       .response = http::Schema(ListSchema(kInterpreterSchema)),
                       .errors = {401, 403, 404},
                       .handler = core::Bind(module, &ListInterpreters)});
    registry.AddRoute(
        {.method = http::Method::kPost,
         .path = "/api/v1/cases/{case_id}/appointments",
         .policy_action = std::string(kAppointmentBookAction),
         .id = "bookAppointment",
         .summary = "Book an appointment of the case at one of the organization's places, within its opening hours, "
                    "with her worker and, when she needs one, an interpreter for a language; or record a walk-in",
         .tag = "cases",
         .request = http::Schema(R"({"type":"object","additionalProperties":false,
             "required":["place_id","visit","starts_at","ends_at"],"properties":{
             "place_id":{"type":"integer","minimum":1},
             "worker_user_id":{"type":"integer","minimum":1,"description":"Her worker; the caller when absent"},
             "interpreter_id":{"type":"integer","minimum":1},"interpreter_language":)" +
                                 std::string(kLanguageTag) + R"(,
             "visit":{"enum":["intake","follow_up","walk_in"]},
             "starts_at":{"type":"integer","minimum":0},"ends_at":{"type":"integer","minimum":0}}})"),
         .response = http::Schema(std::string(kAppointmentSchema)),
         .status = 201,
         .errors = {401, 403, 404, 422},
         .handler = core::Bind(module, &PostAppointment)});
    registry.AddRoute({.method = http::Method::kGet,
                       .path = "/api/v1/cases/{case_id}/appointments",
                       .policy_action = std::string(kReadAction),
                       .id = "listCaseAppointments",
                       .summary = "The case's appointments, soonest first",
                       .tag = "cases",
                       .response = http::Schema(ListSchema(kAppointmentSchema)),
                       .errors = {401, 403, 404},
                       .handler = core::Bind(module, &ListAppointments)});
    registry.AddRoute(
        {.method = http::Method::kPost,
         .path = "/api/v1/appointments/{appointment_id}/outcome",
         .policy_action = std::string(kAppointmentBookAction),
         .id = "recordAppointmentOutcome",
         .summary = "Record that she came, that she did not (no-show), or that the appointment is cancelled, with "
                    "a reason; If-Match: the appointment's ETag",
         .tag = "cases",
         .parameters = core::IfMatchParameter(),
         .request = http::Schema(R"({"type":"object","additionalProperties":false,"required":["state"],"properties":{
             "state":{"enum":["attended","cancelled","no_show"]},"reason":{"type":"string","maxLength":2000}}})"),
         .response = http::Schema(std::string(kAppointmentSchema)),
         .errors = {401, 403, 404, 412, 422, 428},
         .handler = core::Bind(module, &PostOutcome)});
}

}  // namespace ponte::cases

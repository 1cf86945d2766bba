#include "modules/cases/appointments/feed.hpp"

#include <boost/json.hpp>
#include <set>

#include "core/accounts/store.hpp"
#include "core/calendar/feeds.hpp"
#include "core/db/errors.hpp"
#include "core/feature.hpp"
#include "core/http/openapi.hpp"
#include "core/i18n/catalogue.hpp"
#include "modules/cases/policy.hpp"

namespace ponte::cases {
namespace {

using core::Failure;
using http::Reply;
using http::Request;
using http::Response;

constexpr std::string_view kFeedSuffix = ".ics";
// The audit action of a feed's fetch: a read of the cases its events are about.
constexpr std::string_view kFetchAction = "cases.feed.fetch";

struct FeedService {
    std::shared_ptr<const Module> module;
    std::string uid_domain;
};

// The user the path names when she is the caller and may take `action` on her own feed; else
// kNotFound, as for a missing account, audited: nobody learns who has an account or a feed.
core::Outcome<std::int64_t> ReachOwnFeed(const FeedService& service, const Request& request, std::string_view action) {
    const std::int64_t user_id = core::ParseId(request.Param("user_id")).value_or(0);
    if (!service.module->policy.Permits(request.principal.get(), action, {.owner_user_id = user_id})) {
        return core::NotFoundAudited(service.module->database(),
                                     core::AuditEntry(request, std::string(action), "denied", "auth.user", user_id));
    }
    return user_id;
}

Reply PostFeed(const FeedService& service, const Request& request) {
    auto user_id = ReachOwnFeed(service, request, kFeedManageAction);
    if (!user_id) return std::move(user_id.failure());
    const std::int64_t now = core::NowMs();
    std::string token;
    try {
        token = service.module->database().Transact([&](db::Connection& connection) {
            std::string issued = calendar::IssueFeed(connection, *user_id, kFeedScope, now);
            audit::Entry entry = core::AuditEntry(request, std::string(kFeedManageAction), "ok", "auth.user", *user_id);
            entry.detail = R"({"feed":"issued"})";
            audit::Append(connection, entry, now);
            return issued;
        });
    } catch (const db::UniqueViolation&) {
        // She issued another address at the same moment (two tabs): that one stands.
        return Failure{core::Fault::kConflict};
    }
    return Response::Json(201,
                          boost::json::serialize(boost::json::object{{"url", FeedPath(token)}, {"issued_at", now}}));
}

Reply DeleteFeed(const FeedService& service, const Request& request) {
    auto user_id = ReachOwnFeed(service, request, kFeedManageAction);
    if (!user_id) return std::move(user_id.failure());
    service.module->database().Transact([&](db::Connection& connection) {
        const std::int64_t now = core::NowMs();
        const bool revoked = calendar::RevokeFeed(connection, *user_id, kFeedScope, now);
        audit::Entry entry = core::AuditEntry(request, std::string(kFeedManageAction), "ok", "auth.user", *user_id);
        entry.detail = revoked ? R"({"feed":"revoked"})" : R"({"feed":"none"})";
        audit::Append(connection, entry, now);
    });
    return Response{.status = 204};
}

Reply GetFeedState(const FeedService& service, const Request& request) {
    auto user_id = ReachOwnFeed(service, request, kFeedReadAction);
    if (!user_id) return std::move(user_id.failure());
    const auto issued_at = calendar::FeedIssuedAt(*service.module->database().Acquire(), *user_id, kFeedScope);
    return Response::Json(200, boost::json::serialize(boost::json::object{
                                   {"issued", issued_at.has_value()},
                                   {"issued_at", issued_at ? boost::json::value(*issued_at) : nullptr}}));
}

// The feed of the address: no session, the token is the credential. An unknown, revoked or
// malformed token, one of another kind of feed, or the feed of a disabled account, all answer the
// same 404, and are not audited: they name no record, and a stranger's guesses must not fill the
// audit log.
Reply GetFeed(const FeedService& service, const Request& request) {
    const std::string_view name = request.Param("token");
    if (!name.ends_with(kFeedSuffix)) return Failure{core::Fault::kNotFound};
    const std::string_view token = name.substr(0, name.size() - kFeedSuffix.size());
    const std::int64_t now = core::NowMs();
    struct Read {
        std::vector<FeedAppointment> appointments;
        std::string locale;
    };
    auto read = service.module->database().Transact([&](db::Connection& connection) -> std::optional<Read> {
        const auto feed = calendar::FindFeed(connection, token);
        if (!feed || feed->scope != kFeedScope) return std::nullopt;
        const auto owner = accounts::FindUser(connection, feed->owner_user_id);
        if (!owner || owner->disabled) return std::nullopt;
        Read out{FeedOfWorker(connection, owner->id, now - kFeedPastMs, kFeedLimit),
                 owner->locale.empty() ? request.locale : owner->locale};
        // A read of the cases the events are about, by the feed's owner: her calendar program acts
        // for her. The cases are named so that the audit of a case finds this read too.
        std::set<std::int64_t> cases;
        for (const auto& appointment : out.appointments) cases.insert(appointment.case_id);
        audit::Entry entry = core::AuditEntry(request, std::string(kFetchAction), "ok", "calendar.feed", feed->id);
        entry.actor_user_id = owner->id;
        entry.detail = boost::json::serialize(
            boost::json::object{{"cases", boost::json::array(cases.begin(), cases.end())},
                                {"appointments", static_cast<std::int64_t>(out.appointments.size())}});
        audit::Append(connection, entry, now);
        return out;
    });
    if (!read) return Failure{core::Fault::kNotFound};
    Response response;
    response.headers.Set("Content-Type", std::string(calendar::kMediaType));
    // The feed is hers alone: no shared cache keeps it, no cache at all keeps a copy on disk.
    response.headers.Set("Cache-Control", "private, no-store");
    response.body = calendar::WriteCalendar(WorkerCalendar(read->appointments, read->locale, service.uid_domain, now));
    return response;
}

constexpr std::string_view kUserFeedPath = "/api/v1/users/{user_id}/calendar-feed";

}  // namespace

std::string FeedPath(std::string_view token) {
    return "/api/v1/calendar-feeds/" + std::string(token) + std::string(kFeedSuffix);
}

std::string UidDomain(std::string_view public_url) {
    auto scheme = public_url.find("://");
    std::string_view host = scheme == std::string_view::npos ? public_url : public_url.substr(scheme + 3);
    host = host.substr(0, host.find_first_of("/:?#"));
    return host.empty() ? "ponte" : std::string(host);
}

calendar::Calendar WorkerCalendar(const std::vector<FeedAppointment>& appointments, std::string_view locale,
                                  std::string_view uid_domain, std::int64_t now_ms) {
    const auto& catalogue = i18n::Catalogue::Instance();
    calendar::Calendar out{.name = catalogue.Translate(locale, "cases.feed.name"), .product_id = "-//Ponte//Ponte//EN"};
    for (const auto& appointment : appointments) {
        const std::string visit =
            catalogue.Translate(locale, "cases.visit." + std::string(VisitName(appointment.visit)));
        // A calendar shows the summary on her lock screen, in notifications and to whoever she
        // shares her calendar with: the pseudonymous code, which means nothing outside her team,
        // and the kind of visit only. Never the woman's name (someone who knows her could read
        // it), nor why she comes (violence, health), nor a cancellation's reason.
        out.events.push_back({
            .uid = "appointment-" + std::to_string(appointment.id) + "@" + std::string(uid_domain),
            .start_ms = appointment.starts_at,
            .end_ms = appointment.ends_at,
            .summary = appointment.code + " · " + visit,
            .location = appointment.place_address.empty() ? appointment.place_name
                                                          : appointment.place_name + ", " + appointment.place_address,
            .status = appointment.state == Attendance::kCancelled ? calendar::EventStatus::kCancelled
                                                                  : calendar::EventStatus::kConfirmed,
            // The version starts at 1 and rises at each change (an outcome recorded); iCalendar
            // counts revisions from 0.
            .sequence = static_cast<int>(appointment.version - 1),
            // With METHOD:PUBLISH, DTSTAMP is when this copy was made (RFC 5545 3.8.7.2); the
            // SEQUENCE says which revision of the event it is.
            .stamp_ms = now_ms,
        });
    }
    return out;
}

void AddCalendarFeed(core::Registry& registry, std::shared_ptr<const Module> module) {
    const auto service = std::make_shared<const FeedService>(
        FeedService{std::move(module), UidDomain(registry.deployment().public_url)});
    const std::string issued = R"({"type":"object","required":["url","issued_at"],"properties":{
        "url":{"type":"string"},"issued_at":{"type":"integer"}}})";
    registry.AddRoute({.method = http::Method::kPost,
                       .path = std::string(kUserFeedPath),
                       .policy_action = std::string(kFeedManageAction),
                       .id = "issueCalendarFeed",
                       .summary = "Issue one's own calendar feed address (shown once; the former one stops working)",
                       .tag = "cases",
                       .response = http::Schema(issued),
                       .status = 201,
                       .errors = {401, 403, 404, 409},
                       .handler = core::Bind(service, &PostFeed)});
    registry.AddRoute({.method = http::Method::kDelete,
                       .path = std::string(kUserFeedPath),
                       .policy_action = std::string(kFeedManageAction),
                       .id = "revokeCalendarFeed",
                       .summary = "Revoke one's own calendar feed address: it stops working",
                       .tag = "cases",
                       .status = 204,
                       .errors = {401, 403, 404},
                       .handler = core::Bind(service, &DeleteFeed)});
    registry.AddRoute({.method = http::Method::kGet,
                       .path = std::string(kUserFeedPath),
                       .policy_action = std::string(kFeedReadAction),
                       .id = "getCalendarFeed",
                       .summary = "Whether one has a calendar feed address, and since when (never the address)",
                       .tag = "cases",
                       .response = http::Schema(R"({"type":"object","required":["issued","issued_at"],"properties":{
                           "issued":{"type":"boolean"},"issued_at":{"type":["integer","null"]}}})"),
                       .errors = {401, 403, 404},
                       .handler = core::Bind(service, &GetFeedState)});
    // The router matches whole segments: {token} is "<token>.ics", the form calendar programs expect.
    registry.AddRoute({.method = http::Method::kGet,
                       .path = "/api/v1/calendar-feeds/{token}",
                       .policy_action = std::string(policy::kPublic),
                       .id = "getCalendarFeedEvents",
                       .summary = "A worker's appointments as an iCalendar feed, opened by its secret address "
                                  "(<token>.ics) without a session",
                       .tag = "cases",
                       .response = http::Schema(R"({"type":"string"})"),
                       .media_type = "text/calendar",
                       .errors = {404},
                       .handler = core::Bind(service, &GetFeed)});
}

}  // namespace ponte::cases

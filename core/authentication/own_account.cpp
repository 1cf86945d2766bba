#include "core/authentication/own_account.hpp"

#include <boost/json.hpp>

#include "core/accounts/passwords.hpp"
#include "core/accounts/store.hpp"
#include "core/authentication/current_password.hpp"
#include "core/authentication/one_time.hpp"
#include "core/authentication/sessions.hpp"
#include "core/crypto/random.hpp"
#include "core/feature.hpp"
#include "core/http/json_body.hpp"
#include "core/http/openapi.hpp"
#include "core/tenancy/store.hpp"
#include "core/throttle/throttle.hpp"

namespace ponte::authentication {
namespace {

using core::Failure;
using core::Fault;
using http::Method;
using http::Problem;
using http::ProblemKind;
using http::Reply;
using http::Request;
using http::Response;
using http::Schema;

bool Has(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }

Reply ChangePassword(Service& service, const Request& request) {
    http::JsonFields fields(request);
    auto current = fields.String("current_password", http::Text::kSecret);
    auto chosen = fields.String("new_password", http::Text::kSecret);
    if (auto problem = fields.Finish()) return *problem;
    const auto& principal = *request.principal;

    const auto user = accounts::FindUser(*service.database->Acquire(), principal.user_id);
    if (!user) return Failure{Fault::kNotSignedIn, "detail.sign_in", "account gone"};
    auto checked = VerifyCurrentPassword(service, request, *user, "auth.password.change", *current, "failed");
    if (!checked) return std::move(checked.failure());
    const bool verified = checked.value();
    const auto weak = accounts::CheckNewPassword(*chosen, user->email, user->display_name);
    if (!verified || weak) {
        // Both at once, so that the form shows every mistake in one go.
        Failure problem{Fault::kInvalidFields};
        if (!verified) problem.errors.push_back({"current_password", "wrong_password"});
        if (weak) problem.errors.push_back({"new_password", *weak});
        return problem;
    }

    const std::string hash = service.hasher.Hash(*chosen);
    NewSession session = service.database->Transact([&](db::Connection& connection) {
        const std::int64_t now = core::NowMs();
        accounts::SetPasswordHash(connection, user->id, hash, now);
        throttle::ClearLoginFailures(connection, OwnThrottleKeys(*user, request));
        VoidOneTimeSecrets(connection, user->id);  // a code or link someone kept opens nothing now
        // Whoever knew the old passphrase is signed out everywhere; she continues here under a new id.
        EndAllSessions(connection, user->id);
        NewSession renewed =
            CreateSession(connection, user->id, now, service.options.sessions, audit::AddressOf(request.remote),
                          request.headers.Get("User-Agent").value_or(""));
        if (principal.second_factor_passed) MarkSecondFactorPassed(connection, crypto::Sha256Hex(renewed.id), now);
        audit::Append(connection, OwnEntry(request, "auth.password.change", "ok"), now);
        return renewed;
    });
    return SignedIn(service, session.id);
}

Reply ListOwnSessions(Service& service, const Request& request) {
    const auto& principal = *request.principal;
    std::vector<SessionSummary> sessions;
    {
        db::Lease connection = service.database->Acquire();
        sessions = ListSessions(*connection, principal.user_id, principal.session_digest, core::NowMs(),
                                service.options.sessions);
    }
    boost::json::array items;
    items.reserve(sessions.size());
    for (const auto& session : sessions) {
        const DeviceSummary device = SummarizeUserAgent(session.user_agent);
        items.push_back(boost::json::object{{"id", session.public_id},
                                            {"created_at", session.created_at},
                                            {"last_seen_at", session.last_seen_at},
                                            {"device", device.device},
                                            {"browser", device.browser},
                                            {"system", device.system},
                                            {"current", session.current}});
    }
    return Response::Json(200, boost::json::serialize(boost::json::object{{"sessions", std::move(items)}}));
}

Reply EndOwnSession(Service& service, const Request& request) {
    const auto& principal = *request.principal;
    const std::string public_id(request.Param("session_id"));
    // The same statement runs for another person's id and an unknown one: same answer, same cost.
    const auto ended = service.database->Transact([&](db::Connection& connection) {
        auto digest = EndSessionByPublicId(connection, principal.user_id, public_id);
        if (digest) audit::Append(connection, OwnEntry(request, "auth.session.end", "ok"), core::NowMs());
        return digest;
    });
    if (!ended) return Failure{Fault::kNotFound};
    Response response;
    response.status = 204;
    if (*ended == principal.session_digest) {
        response.headers.Add("Set-Cookie", ClearedSessionCookie(service.options.sessions));
    }
    return response;
}

Reply EndOtherOwnSessions(Service& service, const Request& request) {
    const auto& principal = *request.principal;
    const std::int64_t ended = service.database->Transact([&](db::Connection& connection) {
        const std::int64_t count = EndOtherSessions(connection, principal.user_id, principal.session_digest);
        audit::Append(connection, OwnEntry(request, "auth.sessions.end_others", "ok"), core::NowMs());
        return count;
    });
    return Response::Json(200, boost::json::serialize(boost::json::object{{"ended", ended}}));
}

constexpr std::string_view kSessionsSchema = R"({"type":"object","required":["sessions"],
    "properties":{"sessions":{"type":"array","items":{"type":"object",
      "required":["id","created_at","last_seen_at","device","browser","system","current"],
      "properties":{"id":{"type":"string"},"created_at":{"type":"integer"},"last_seen_at":{"type":"integer"},
        "device":{"type":"string","enum":["phone","tablet","computer","unknown"]},
        "browser":{"type":"string"},"system":{"type":"string"},"current":{"type":"boolean"}}}}}})";

}  // namespace

DeviceSummary SummarizeUserAgent(std::string_view agent) {
    DeviceSummary summary;
    // Order matters: most browsers name the engines they resemble too ("Edg/... Chrome/... Safari/...").
    if (Has(agent, "SamsungBrowser/")) {
        summary.browser = "Samsung Internet";
    } else if (Has(agent, "Edg/") || Has(agent, "EdgA/") || Has(agent, "EdgiOS/")) {
        summary.browser = "Edge";
    } else if (Has(agent, "OPR/") || Has(agent, "Opera")) {
        summary.browser = "Opera";
    } else if (Has(agent, "Firefox/") || Has(agent, "FxiOS/")) {
        summary.browser = "Firefox";
    } else if (Has(agent, "Chrome/") || Has(agent, "CriOS/") || Has(agent, "Chromium/")) {
        summary.browser = "Chrome";
    } else if (Has(agent, "Safari/") && Has(agent, "Version/")) {
        summary.browser = "Safari";
    }

    if (Has(agent, "iPhone") || Has(agent, "iPod")) {
        summary.system = "iOS";
        summary.device = "phone";
    } else if (Has(agent, "iPad")) {
        summary.system = "iOS";
        summary.device = "tablet";
    } else if (Has(agent, "Android")) {
        summary.system = "Android";
        // Android phones say "Mobile"; Android tablets do not.
        summary.device = Has(agent, "Mobile") ? "phone" : "tablet";
    } else if (Has(agent, "Windows Phone")) {
        summary.system = "Windows";
        summary.device = "phone";
    } else if (Has(agent, "Windows")) {
        summary.system = "Windows";
        summary.device = "computer";
    } else if (Has(agent, "CrOS")) {
        summary.system = "ChromeOS";
        summary.device = "computer";
    } else if (Has(agent, "Macintosh") || Has(agent, "Mac OS X")) {
        summary.system = "macOS";
        summary.device = "computer";
    } else if (Has(agent, "Linux") || Has(agent, "X11")) {
        summary.system = "Linux";
        summary.device = Has(agent, "Mobile") ? "phone" : "computer";
    } else {
        summary.device = "unknown";
    }
    return summary;
}

void RegisterOwnAccount(core::Registry& registry, std::shared_ptr<Service> service) {
    http::Route change{
        .method = Method::kPost,
        .path = "/api/v1/auth/password",
        .policy_action = std::string(policy::kSignedIn),
        .id = "changePassword",
        .summary =
            "Change one's own passphrase (the current one required); ends every other session "
            "and renews this one",
        .tag = "auth",
        .request = Schema(
            R"({"type":"object","additionalProperties":false,"required":["current_password","new_password"],
                              "properties":{"current_password":{"type":"string","minLength":1,"maxLength":1024},
                                            "new_password":{"type":"string","minLength":1,"maxLength":1024}}})"),
        .response = SessionSchema(),
        .errors = {401, 403, 422, 429},
        .handler = Bind(service, &ChangePassword)};
    change.heavy = true;
    registry.AddRoute(std::move(change));
    registry.AddRoute({.method = Method::kGet,
                       .path = "/api/v1/auth/sessions",
                       .policy_action = std::string(policy::kSignedIn),
                       .id = "listOwnSessions",
                       .summary = "One's own live sessions: device, browser, when begun and last used",
                       .tag = "auth",
                       .response = Schema(kSessionsSchema),
                       .errors = {401, 403},
                       .handler = Bind(service, &ListOwnSessions)});
    registry.AddRoute({.method = Method::kDelete,
                       .path = "/api/v1/auth/sessions/{session_id}",
                       .policy_action = std::string(policy::kSignedIn),
                       .id = "endOwnSession",
                       .summary = "End one of one's own sessions, by the id the list gives",
                       .tag = "auth",
                       .status = 204,
                       .errors = {401, 403, 404},
                       .handler = Bind(service, &EndOwnSession)});
    registry.AddRoute({.method = Method::kPost,
                       .path = "/api/v1/auth/sessions/end-others",
                       .policy_action = std::string(policy::kSignedIn),
                       .id = "endOtherOwnSessions",
                       .summary = "End every one of one's own sessions but this one",
                       .tag = "auth",
                       .response = Schema(R"({"type":"object","required":["ended"],
                                         "properties":{"ended":{"type":"integer"}}})"),
                       .errors = {401, 403},
                       .handler = Bind(service, &EndOtherOwnSessions)});
}

}  // namespace ponte::authentication

#include "core/authentication/authentication.hpp"

#include <boost/json.hpp>
#include <boost/url/parse.hpp>

#include "core/accounts/access_resets.hpp"
#include "core/accounts/store.hpp"
#include "core/audit/audit.hpp"
#include "core/authentication/login.hpp"
#include "core/authentication/one_time.hpp"
#include "core/authentication/own_account.hpp"
#include "core/authentication/password_reset.hpp"
#include "core/authentication/second_factor.hpp"
#include "core/authentication/service.hpp"
#include "core/crypto/random.hpp"
#include "core/http/json_body.hpp"
#include "core/http/openapi.hpp"
#include "core/i18n/catalogue.hpp"
#include "core/log/log.hpp"
#include "core/tenancy/store.hpp"
#include "core/throttle/throttle.hpp"

namespace ponte::authentication {
namespace {

using http::Schema;

using core::Failure;
using core::Fault;
using http::Method;
using http::Problem;
using http::ProblemKind;
using http::Reply;
using http::Request;
using http::Response;

bool IsUnsafe(Method method) { return method != Method::kGet && method != Method::kHead && method != Method::kOptions; }

// The origin ("https://ponte.example.org:8443") a browser names for pages under `url`: scheme
// and host in lower case, the port only when it is not the scheme's default (RFC 6454 §6.1).
std::string OriginOf(std::string_view url) {
    auto parsed = boost::urls::parse_absolute_uri(url);
    if (!parsed) return {};
    std::string origin = std::string(parsed->scheme()) + "://" + std::string(parsed->encoded_host());
    for (auto& c : origin) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const bool default_port = (parsed->scheme_id() == boost::urls::scheme::https && parsed->port() == "443") ||
                              (parsed->scheme_id() == boost::urls::scheme::http && parsed->port() == "80");
    if (parsed->has_port() && !parsed->port().empty() && !default_port) origin += ":" + std::string(parsed->port());
    return origin;
}

// A browser names the page's origin on cross-site requests; it must be this server's own. With a
// public address configured, that address decides, whatever Host says (Host is the client's word).
// Without one, only the host part is compared with the (validated) Host, so that a
// TLS-terminating proxy in front that passes Host on changes nothing.
bool SameOrigin(const Request& request, const std::string& public_url) {
    auto origin = request.headers.Get("Origin");
    if (!origin) return true;  // not a browser, or a same-origin GET: the CSRF token still applies
    if (!public_url.empty()) {
        const std::string own = OriginOf(public_url);
        return !own.empty() && *origin == own;
    }
    auto scheme_end = origin->find("://");
    if (scheme_end == std::string_view::npos) return false;  // "null" and the like
    auto host = request.headers.Get("Host");
    return host && origin->substr(scheme_end + 3) == *host;
}

std::optional<Problem> Guard(Service& service, Request& request, const http::Route& route) {
    const bool unsafe = IsUnsafe(request.method);
    if (unsafe && !SameOrigin(request, service.options.public_url))
        return Problem{ProblemKind::kForbidden, "detail.cross_site", "foreign Origin"};
    if (route.policy_action == policy::kPublic) return std::nullopt;

    auto cookie = CookieValue(request.headers.Get("Cookie").value_or(""), CookieName(service.options.sessions));
    std::optional<policy::Principal> principal;
    if (cookie) principal = ResolveSession(*service.database, *cookie, NowMs(), service.options.sessions);
    if (!principal) {
        Problem problem{ProblemKind::kUnauthorized, "detail.sign_in"};
        if (cookie) problem.headers.Add("Set-Cookie", ClearedSessionCookie(service.options.sessions));
        return problem;
    }
    request.principal = std::make_shared<const policy::Principal>(std::move(*principal));

    if (unsafe &&
        !crypto::ConstantTimeEqual(request.headers.Get("X-CSRF-Token").value_or(""), request.principal->csrf_token)) {
        audit::Record(*service.database, AuditEntry(request, route.policy_action, "denied_csrf"), NowMs());
        return Problem{ProblemKind::kForbidden, "detail.csrf", "missing or wrong CSRF token"};
    }
    if (request.principal->second_factor_due && route.policy_action != policy::kSigningIn) {
        return Problem{ProblemKind::kForbidden, "detail.second_factor_required", "second factor due"};
    }
    if (!service.policy.MayEver(request.principal.get(), route.policy_action)) {
        audit::Record(*service.database, AuditEntry(request, route.policy_action, "denied"), NowMs());
        return Problem{ProblemKind::kForbidden};
    }
    return std::nullopt;
}

// Sign-in: throttle check, password check (as slow for an unknown email as for a wrong
// password), then a new session whose id replaces any the client had (no session fixation).
Reply Login(Service& service, const Request& request) {
    auto login = DecodeLogin(request);
    if (!login) return std::move(login.failure());
    const std::string email = accounts::NormalizeEmail(login.value().email);
    const throttle::LoginKeys keys = throttle::LoginKeysFor(email, audit::AddressOf(request.remote));
    audit::Entry entry = AuditEntry(request, "auth.login", "");
    entry.resource_type = "auth.user";

    std::optional<accounts::User> user;
    std::int64_t wait = 0;
    {
        db::Lease connection = service.database->Acquire();
        wait = throttle::LoginWait(*connection, keys, NowMs());
        if (wait == 0) user = accounts::FindUserByEmail(*connection, email);
    }
    if (wait > 0) {
        entry.outcome = "throttled";
        audit::Record(*service.database, entry, NowMs());
        return throttle::TooManyAttempts(wait);
    }
    bool verified = false;
    if (user && !user->disabled && !user->password_hash.empty()) {
        verified = service.hasher.Verify(user->password_hash, login.value().password);
    } else {
        service.hasher.VerifyNothing(login.value().password);
    }
    if (!verified) {
        service.database->Transact([&](db::Connection& connection) {
            const std::int64_t now = NowMs();
            throttle::RecordLoginFailure(connection, keys, now);
            entry.outcome = "failed";
            if (user) entry.resource_id = std::to_string(user->id);
            audit::Append(connection, entry, now);
        });
        return Failure{Fault::kNotSignedIn, "detail.invalid_credentials"};
    }
    // The right password does not open a session while the account's second factor is locked out
    // after wrong codes: that session could do nothing but wait.
    if (const std::int64_t locked =
            throttle::LockedFor(*service.database->Acquire(), throttle::SecondFactorKey(user->id), NowMs());
        locked > 0) {
        entry.outcome = "throttled";
        entry.resource_id = std::to_string(user->id);
        audit::Record(*service.database, entry, NowMs());
        return throttle::TooManyAttempts(locked, "detail.second_factor_locked_out");
    }

    std::string rehashed;
    if (service.hasher.NeedsRehash(user->password_hash)) rehashed = service.hasher.Hash(login.value().password);
    const auto previous = CookieValue(request.headers.Get("Cookie").value_or(""), CookieName(service.options.sessions));
    NewSession session = service.database->Transact([&](db::Connection& connection) {
        const std::int64_t now = NowMs();
        throttle::ClearLoginFailures(connection, keys);
        // She knows her passphrase: a code or link that someone else may hold opens nothing now.
        VoidOneTimeSecrets(connection, user->id);
        if (!rehashed.empty()) accounts::SetPasswordHash(connection, user->id, rehashed, now);
        if (previous) EndSession(connection, crypto::Sha256Hex(*previous));
        entry.outcome = "ok";
        entry.actor_user_id = user->id;
        entry.resource_id = std::to_string(user->id);
        audit::Append(connection, entry, now);
        return CreateSession(connection, user->id, now, service.options.sessions, audit::AddressOf(request.remote),
                             request.headers.Get("User-Agent").value_or(""));
    });
    return SignedIn(service, session.id);
}

// Stores the language she chose, so that every device and every mail follows it.
Reply ChooseLocale(Service& service, const Request& request) {
    http::JsonFields fields(request);
    auto locale = fields.String("locale");
    if (locale) {
        const auto locales = i18n::Catalogue::Instance().Locales();
        if (std::find(locales.begin(), locales.end(), *locale) == locales.end()) fields.Invalid("locale", "format");
    }
    if (auto problem = fields.Finish()) return *problem;
    service.database->Transact([&](db::Connection& connection) {
        accounts::SetLocale(connection, request.principal->user_id, *locale, NowMs());
    });
    Response response;
    response.status = 204;
    return response;
}

Reply Logout(Service& service, const Request& request, bool everywhere) {
    const auto& principal = *request.principal;
    service.database->Transact([&](db::Connection& connection) {
        if (everywhere) {
            EndAllSessions(connection, principal.user_id);
        } else {
            EndSession(connection, principal.session_digest);
        }
        audit::Entry entry = AuditEntry(request, everywhere ? "auth.logout_everywhere" : "auth.logout", "ok");
        audit::Append(connection, entry, NowMs());
    });
    Response response;
    response.status = 204;
    response.headers.Add("Set-Cookie", ClearedSessionCookie(service.options.sessions));
    return response;
}

boost::json::object UserJson(const policy::Principal& principal) {
    boost::json::array memberships;
    for (const auto& membership : principal.memberships) {
        boost::json::object item{{"id", membership.id}, {"role", policy::RoleName(membership.role)}};
        if (membership.organization_id != 0) item["organization_id"] = membership.organization_id;
        if (membership.network_id != 0) item["network_id"] = membership.network_id;
        memberships.push_back(std::move(item));
    }
    return {{"id", principal.user_id},
            {"display_name", principal.display_name},
            {"locale", principal.locale},
            {"staff", principal.IsStaff()},
            {"memberships", std::move(memberships)}};
}

// "required" (enrolled, not yet given in this session), "enrolment_required" (staff without a
// TOTP outside demo mode), "verified" (given in this session) or "not_required".
std::string_view SecondFactorState(const policy::Principal& principal) {
    if (principal.second_factor_due) return principal.second_factor_enrolled ? "required" : "enrolment_required";
    return principal.second_factor_passed ? "verified" : "not_required";
}

constexpr std::string_view kSessionSchemaText = R"({"type":"object",
    "required":["user","second_factor","csrf_token","access_resets"],
    "properties":{"csrf_token":{"type":"string"},
      "access_resets":{"type":"array","items":{"type":"object","required":["at","by","reason"],
        "properties":{"at":{"type":"integer"},"by":{"type":"string"},"reason":{"type":"string"}}}},
      "second_factor":{"type":"string","enum":["not_required","required","enrolment_required","verified"]},
      "user":{"type":"object","required":["id","display_name","locale","staff","memberships"],
        "properties":{"id":{"type":"integer"},"display_name":{"type":"string"},"locale":{"type":"string"},
          "staff":{"type":"boolean"},
          "memberships":{"type":"array","items":{"type":"object","required":["id","role"],
            "properties":{"id":{"type":"integer"},"role":{"type":"string"},
              "organization_id":{"type":"integer"},"network_id":{"type":"integer"}}}}}}}})";

}  // namespace

Response SessionResponse(const Service& service, int status, const policy::Principal& principal) {
    boost::json::array resets =
        accounts::RecentAccessResets(*service.database->Acquire(), *service.keyring, principal.user_id, NowMs());
    return Response::Json(status,
                          boost::json::serialize(boost::json::object{{"user", UserJson(principal)},
                                                                     {"second_factor", SecondFactorState(principal)},
                                                                     {"csrf_token", principal.csrf_token},
                                                                     {"access_resets", std::move(resets)}}));
}

Reply SignedIn(const Service& service, const std::string& session_id) {
    auto principal = ResolveSession(*service.database, session_id, NowMs(), service.options.sessions);
    if (!principal) return Failure{Fault::kNotSignedIn, "detail.sign_in", "session ended at once"};
    Response response = SessionResponse(service, 200, *principal);
    response.headers.Add("Set-Cookie", SessionCookie(service.options.sessions, session_id));
    return response;
}

boost::json::value SessionSchema() { return Schema(kSessionSchemaText); }

std::shared_ptr<Service> Register(core::Registry& registry, const Options& options) {
    auto service =
        std::make_shared<Service>(registry.database_or_null(), registry.keyring_or_null(), registry.policy(), options);
    registry.SetGuard(
        [service](Request& request, const http::Route& route) { return Guard(*service, request, route); });

    http::Route login{
        .method = Method::kPost,
        .path = "/api/v1/auth/login",
        .policy_action = std::string(policy::kPublic),
        .id = "login",
        .summary = "Sign in with email and password; sets the session cookie",
        .tag = "auth",
        .request = Schema(R"({"type":"object","additionalProperties":false,"required":["email","password"],
                           "properties":{"email":{"type":"string","minLength":3,"maxLength":254},
                                         "password":{"type":"string","minLength":1,"maxLength":1024}}})"),
        .response = SessionSchema(),
        .errors = {401, 429},
        .handler = [service](const Request& request) { return Login(*service, request); }};
    login.heavy = true;
    registry.AddRoute(std::move(login));
    registry.AddRoute({.method = Method::kGet,
                       .path = "/api/v1/auth/session",
                       .policy_action = std::string(policy::kSigningIn),
                       .id = "getSession",
                       .summary = "The signed-in user, their memberships and the CSRF token",
                       .tag = "auth",
                       .response = SessionSchema(),
                       .errors = {401},
                       .handler = [service](const Request& request) -> Reply {
                           return SessionResponse(*service, 200, *request.principal);
                       }});
    registry.AddRoute({.method = Method::kPost,
                       .path = "/api/v1/auth/locale",
                       .policy_action = std::string(policy::kSignedIn),
                       .id = "setLocale",
                       .summary = "Store the signed-in person's language",
                       .tag = "auth",
                       .request = Schema(R"({"type":"object","additionalProperties":false,"required":["locale"],
                            "properties":{"locale":{"type":"string","minLength":2,"maxLength":10}}})"),
                       .status = 204,
                       .errors = {401, 403, 422},
                       .handler = [service](const Request& request) { return ChooseLocale(*service, request); }});
    registry.AddRoute({.method = Method::kPost,
                       .path = "/api/v1/auth/logout",
                       .policy_action = std::string(policy::kSigningIn),
                       .id = "logout",
                       .summary = "End this session",
                       .tag = "auth",
                       .status = 204,
                       .errors = {401, 403},
                       .handler = [service](const Request& request) { return Logout(*service, request, false); }});
    registry.AddRoute({.method = Method::kPost,
                       .path = "/api/v1/auth/logout-everywhere",
                       .policy_action = std::string(policy::kSignedIn),
                       .id = "logoutEverywhere",
                       .summary = "End every session of the signed-in user",
                       .tag = "auth",
                       .status = 204,
                       .errors = {401, 403},
                       .handler = [service](const Request& request) { return Logout(*service, request, true); }});
    RegisterSecondFactor(registry, service);
    RegisterOwnAccount(registry, service);
    RegisterPasswordReset(registry, service);
    return service;
}

}  // namespace ponte::authentication

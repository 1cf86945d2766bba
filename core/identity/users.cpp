#include "core/identity/users.hpp"

#include <algorithm>

#include "core/accounts/access_resets.hpp"
#include "core/accounts/invitations.hpp"
#include "core/accounts/passwords.hpp"
#include "core/accounts/store.hpp"
#include "core/authentication/one_time.hpp"
#include "core/authentication/sessions.hpp"
#include "core/crypto/random.hpp"
#include "core/db/errors.hpp"
#include "core/feature.hpp"
#include "core/http/json_body.hpp"
#include "core/http/openapi.hpp"
#include "core/i18n/catalogue.hpp"
#include "core/qr/qr.hpp"
#include "core/tenancy/resources.hpp"
#include "core/tenancy/store.hpp"
#include "core/throttle/throttle.hpp"
#include "core/version.hpp"

namespace ponte::identity {
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
using policy::Role;
using policy::Scope;

constexpr std::string_view kCreateAction = "auth.user.create";
constexpr std::string_view kInviteAction = "auth.user.invite";
constexpr std::string_view kDisableAction = "auth.user.disable";

constexpr std::string_view kSelectInvitation =
    "SELECT i.user_id, COALESCE(u.email, ''), u.display_name FROM accounts_invitations i "
    "JOIN accounts_users u ON u.id = i.user_id WHERE i.digest = $1 AND i.used_at IS NULL AND i.expires_at > $2 "
    "AND u.disabled = 0";
constexpr std::string_view kUseInvitation =
    "UPDATE accounts_invitations SET used_at = $2 WHERE digest = $1 AND used_at IS NULL AND expires_at > $2";
// A write that changes nothing, for the row lock it takes (PostgreSQL) inside a write transaction
// (SQLite's are serialized), and the state it reads after any concurrent change.
constexpr std::string_view kLockPasswordState =
    "UPDATE accounts_users SET updated_at = updated_at WHERE id = $1 RETURNING CASE WHEN password_hash IS NULL "
    "THEN 0 ELSE 1 END";

constexpr std::string_view kLockVersion =
    "UPDATE accounts_users SET version = version WHERE id = $1 AND erased_at IS NULL RETURNING version";

// The code, the link that carries it (in the fragment, which browsers never send to a server or
// in a Referer) and the same link as a QR code.
boost::json::object InvitationJson(const authentication::Service& service, const Request& request,
                                   const accounts::Invitation& invitation) {
    const std::string url =
        core::PublicBaseUrl(service.options.public_url, service.options.sessions.secure_cookie, request) + "/invite#" +
        invitation.code;
    return {{"code", invitation.code},
            {"url", url},
            {"expires_at", invitation.expires_at},
            {"qr_svg", qr::Svg(url, i18n::Catalogue::Instance().Translate(request.locale, "label.invitation_qr"))}};
}

audit::Entry UserEntry(const Request& request, std::string_view action, std::string outcome, std::int64_t user_id,
                       std::int64_t organization_id = 0) {
    audit::Entry entry = core::AuditEntry(request, std::string(action), std::move(outcome));
    entry.resource_type = "auth.user";
    if (user_id != 0) entry.resource_id = std::to_string(user_id);
    entry.organization_id = organization_id;
    return entry;
}

// A record the caller may not see answers as if it did not exist; both are audited.
core::Failure NotFound(authentication::Service& service, const Request& request, std::string_view action,
                       std::int64_t user_id, std::int64_t organization_id = 0, std::string outcome = "denied") {
    return core::NotFoundAudited(*service.database,
                                 UserEntry(request, action, std::move(outcome), user_id, organization_id));
}
core::Failure Missing(authentication::Service& service, const Request& request, std::string_view action,
                      std::int64_t user_id, std::int64_t organization_id = 0) {
    return NotFound(service, request, action, user_id, organization_id, "not_found");
}

core::Failure Refused(authentication::Service& service, const Request& request, std::string_view action,
                      std::int64_t user_id, std::string detail_key, std::int64_t organization_id = 0) {
    audit::Record(*service.database, UserEntry(request, action, "denied_role", user_id, organization_id),
                  core::NowMs());
    return Failure{Fault::kForbidden, std::move(detail_key)};
}

struct NewUser {
    std::string display_name;
    std::string email;  // normalized; may be empty
    Role role = Role::kParticipant;
    std::string locale;
};

core::Outcome<NewUser> DecodeNewUser(const http::Request& request) {
    http::JsonFields fields(request);
    auto display_name = fields.String("display_name", http::Text::kName);
    auto email = fields.String("email");
    auto role_name = fields.String("role");
    auto locale = fields.String("locale");
    std::optional<Role> role;
    if (email && !accounts::LooksLikeEmail(accounts::NormalizeEmail(*email))) fields.Invalid("email", "format");
    if (role_name) {
        role = policy::ParseRole(*role_name);
        if (!role || !policy::IsOrganizationRole(*role)) fields.Invalid("role", "format");
    }
    if (locale) {
        const auto locales = i18n::Catalogue::Instance().Locales();
        if (std::find(locales.begin(), locales.end(), *locale) == locales.end()) fields.Invalid("locale", "format");
    }
    if (auto problem = fields.Finish()) return *problem;
    return NewUser{*display_name, email ? accounts::NormalizeEmail(*email) : "", *role, locale.value_or("")};
}

Reply CreateUserInOrganization(authentication::Service& service, const Request& request) {
    const auto& principal = *request.principal;
    auto organization_id = core::ParseId(request.Param("organization_id"));
    std::optional<policy::Resource> organization;
    if (organization_id) organization = tenancy::OrganizationResource(*service.database->Acquire(), *organization_id);
    if (!organization) return Missing(service, request, kCreateAction, 0, organization_id.value_or(0));
    if (!service.policy.Permits(&principal, kCreateAction, *organization)) {
        return NotFound(service, request, kCreateAction, 0, *organization_id);
    }
    auto decoded = DecodeNewUser(request);
    if (!decoded) return std::move(decoded.failure());
    const NewUser& user = decoded.value();
    if (!tenancy::MayGrant(principal, user.role, *organization_id)) {
        return Refused(service, request, kCreateAction, 0, "detail.role_not_grantable", *organization_id);
    }
    struct Created {
        std::int64_t user_id;
        std::int64_t membership_id;
        accounts::Invitation invitation;
    };
    try {
        Created created = service.database->Transact([&](db::Connection& connection) {
            const std::int64_t now = core::NowMs();
            const std::int64_t id = accounts::CreateUser(
                connection,
                accounts::User{.email = user.email, .display_name = user.display_name, .locale = user.locale}, now);
            const std::int64_t membership = tenancy::AddMembership(
                connection, id, {.role = user.role, .organization_id = *organization_id}, principal.user_id, now);
            accounts::Invitation invitation = accounts::IssueInvitation(connection, id, principal.user_id, now);
            audit::Entry entry = UserEntry(request, kCreateAction, "ok", id, *organization_id);
            entry.detail = boost::json::serialize(boost::json::object{{"role", policy::RoleName(user.role)}});
            audit::Append(connection, entry, now);
            return Created{id, membership, std::move(invitation)};
        });
        boost::json::object body{{"id", created.user_id},
                                 {"display_name", user.display_name},
                                 {"membership_id", created.membership_id},
                                 {"role", policy::RoleName(user.role)},
                                 {"invitation", InvitationJson(service, request, created.invitation)}};
        if (!user.email.empty()) body["email"] = user.email;
        return Response::Json(201, boost::json::serialize(body));
    } catch (const db::UniqueViolation&) {
        return Failure{Fault::kConflict, "detail.email_taken", "email exists"};
    }
}

// The user named in the path, if the caller may take `action` on her; else the problem to answer
// (404 for users she may not see, 403 for users she sees but may not manage).
core::Outcome<tenancy::UserFacts> ManagedUser(authentication::Service& service, const Request& request,
                                              std::string_view action) {
    auto user_id = core::ParseId(request.Param("user_id"));
    std::optional<tenancy::UserFacts> user;
    if (user_id) user = tenancy::LoadUserFacts(*service.database->Acquire(), *user_id);
    if (!user) return Missing(service, request, action, user_id.value_or(0));
    if (!tenancy::PermitsOnUser(service.policy, *request.principal, action, *user)) {
        return NotFound(service, request, action, user->id);
    }
    if (!tenancy::MayManage(*request.principal, *user)) {
        return Refused(service, request, action, user->id, "detail.not_manageable");
    }
    return *user;
}

// A new code for someone who lost hers. Once she has set her own passphrase, whoever holds the
// code can become her: then staff must write why, her sessions end, and she is told at every
// sign-in for 90 days who gave it and when (access_resets.hpp).
Reply Reinvite(authentication::Service& service, const Request& request) {
    auto managed = ManagedUser(service, request, kInviteAction);
    if (!managed) return std::move(managed.failure());
    const auto& user = managed.value();
    if (user.disabled) return Failure{Fault::kConflict, "detail.account_disabled"};
    http::JsonFields fields(request);
    auto reason = fields.String("reason", http::Text::kName);  // words she can read
    if (user.has_password && !reason) fields.Invalid("reason", "required");
    if (auto problem = fields.Finish()) return *problem;
    std::optional<accounts::Invitation> invitation = service.database->Transact([&](db::Connection& connection) {
        // Whether she has a passphrase, read again under the row's write lock: one she sets at this
        // very moment is seen here, never missed between the first look and the new code.
        const bool has_password = connection.Execute(kLockPasswordState, {user.id}).Int(0, 0) != 0;
        if (has_password && !reason) return std::optional<accounts::Invitation>();
        const std::int64_t now = core::NowMs();
        accounts::Invitation issued = accounts::IssueInvitation(connection, user.id, request.principal->user_id, now);
        audit::Entry entry = UserEntry(request, kInviteAction, "ok", user.id);
        if (has_password) {
            authentication::EndAllSessions(connection, user.id);
            accounts::RecordAccessReset(connection, *service.keyring, user.id, request.principal->user_id, *reason,
                                        now);
            entry.detail = R"({"access_reset":true})";
        }
        audit::Append(connection, entry, now);
        return std::optional<accounts::Invitation>(std::move(issued));
    });
    if (!invitation) {
        Failure problem{Fault::kInvalidFields};
        problem.errors.push_back({"reason", "required"});
        return problem;
    }
    return Response::Json(201, boost::json::serialize(
                                   boost::json::object{{"invitation", InvitationJson(service, request, *invitation)}}));
}

// Disabling or enabling names the version of the account it changes (If-Match): an admin acting
// on what she read a while ago gets 412 when someone changed the account meanwhile, not a silent
// reversal of that change.
Reply SetAccountDisabled(authentication::Service& service, const Request& request, bool disabled) {
    auto managed = ManagedUser(service, request, kDisableAction);
    if (!managed) return std::move(managed.failure());
    const auto& user = managed.value();
    if (user.id == request.principal->user_id) return Failure{Fault::kConflict, "detail.not_yourself"};
    auto expected = core::ExpectedVersion(request);
    if (!expected) return std::move(expected.failure());
    const std::optional<std::int64_t> version =
        service.database->Transact([&](db::Connection& connection) -> std::optional<std::int64_t> {
            // Read under the row's write lock (PostgreSQL; SQLite serializes write transactions), so
            // that two admins holding the same version cannot both change it.
            auto current = connection.Execute(kLockVersion, {user.id});
            if (current.empty() || current.Int(0, 0) != *expected) return std::nullopt;
            const std::int64_t now = core::NowMs();
            accounts::SetDisabled(connection, user.id, disabled, now);
            if (disabled) authentication::EndAllSessions(connection, user.id);
            audit::Append(connection,
                          UserEntry(request, disabled ? "auth.user.disable" : "auth.user.enable", "ok", user.id), now);
            return current.Int(0, 0) + 1;
        });
    if (!version) return core::StaleVersion();
    auto response =
        Response::Json(200, boost::json::serialize(boost::json::object{{"id", user.id}, {"disabled", disabled}}));
    core::SetETag(response, *version);
    return response;
}

struct Acceptance {
    std::string code;  // canonical
    std::string password;
};

core::Outcome<Acceptance> DecodeAcceptance(const http::Request& request) {
    http::JsonFields fields(request);
    auto canonical = accounts::ReadCode(fields, "code", "invalid_invitation");
    auto password = fields.String("password", http::Text::kSecret);
    if (auto problem = fields.Finish()) return *problem;
    return Acceptance{*canonical, *password};
}

// The invited person sets her password: the code is spent, every earlier session of the account
// ends, and she is signed in.
Reply AcceptInvitation(authentication::Service& service, const Request& request) {
    auto decoded = DecodeAcceptance(request);
    if (!decoded) return std::move(decoded.failure());
    const auto previous = authentication::CookieValue(request.headers.Get("Cookie").value_or(""),
                                                      authentication::CookieName(service.options.sessions));
    std::optional<authentication::NewSession> session;
    auto outcome = authentication::SetPasswordWithSecret(
        service, request, {kSelectInvitation, kUseInvitation, "auth.invitation.accept", "code", "invalid_invitation"},
        crypto::Sha256Hex(decoded.value().code), decoded.value().password,
        [&](db::Connection& connection, const accounts::User& user, std::int64_t now) {
            if (previous) authentication::EndSession(connection, crypto::Sha256Hex(*previous));
            session = authentication::CreateSession(connection, user.id, now, service.options.sessions,
                                                    audit::AddressOf(request.remote),
                                                    request.headers.Get("User-Agent").value_or(""));
        });
    if (!outcome) return std::move(outcome.failure());
    return authentication::SignedIn(service, session->id);
}

constexpr std::string_view kInvitationSchema = R"({"type":"object","required":["code","url","expires_at","qr_svg"],
    "properties":{"code":{"type":"string"},"url":{"type":"string"},"expires_at":{"type":"integer"},
      "qr_svg":{"type":"string"}}})";

}  // namespace

void RegisterUsers(core::Registry& registry, std::shared_ptr<authentication::Service> service) {
    auto& policy = registry.policy();
    const std::vector<policy::Grant> inviters = {{Role::kCaseWorker, Scope::kOrganization},
                                                 {Role::kCoordinator, Scope::kOrganization},
                                                 {Role::kOrgAdmin, Scope::kOrganization},
                                                 {Role::kPlatformAdmin, Scope::kPlatform}};
    const std::vector<policy::Grant> admins = {{Role::kOrgAdmin, Scope::kOrganization},
                                               {Role::kPlatformAdmin, Scope::kPlatform}};
    policy.Declare(std::string(kCreateAction), inviters);
    policy.Declare(std::string(kInviteAction), inviters);
    policy.Declare(std::string(kDisableAction), admins);
    registry.AddSealedColumn(
        {"accounts_access_resets", "user_id", "reason", std::string(accounts::kAccessResetContextTable)});

    const std::string invitation_schema(kInvitationSchema);
    registry.AddRoute(
        {.method = Method::kPost,
         .path = "/api/v1/organizations/{organization_id}/users",
         .policy_action = std::string(kCreateAction),
         .id = "createUser",
         .summary = "Create a person's account with a role in the organization; answers her one-time invitation code",
         .tag = "auth",
         .request = Schema(R"({"type":"object","additionalProperties":false,"required":["display_name","role"],
              "properties":{"display_name":{"type":"string","minLength":1,"maxLength":100},
                "email":{"type":"string","minLength":3,"maxLength":254},
                "role":{"type":"string","enum":["participant","community_member","mentor","case_worker","trainer",
                  "coordinator","org_admin"]},
                "locale":{"type":"string","minLength":2,"maxLength":10}}})"),
         .response = Schema(R"({"type":"object","required":["id","display_name","membership_id","role","invitation"],
              "properties":{"invitation":)" +
                            invitation_schema + "}}"),
         .status = 201,
         .errors = {401, 403, 404, 409, 422},
         .handler = core::Bind(service, &CreateUserInOrganization)});
    registry.AddRoute({.method = Method::kPost,
                       .path = "/api/v1/users/{user_id}/invitation",
                       .policy_action = std::string(kInviteAction),
                       .id = "reinviteUser",
                       .summary =
                           "A new one-time invitation code for a person who lost hers (earlier codes stop working); "
                           "once she has set her own passphrase, a reason is required, her sessions end and she is "
                           "told at sign-in",
                       .tag = "auth",
                       .request = Schema(R"({"type":"object","additionalProperties":false,
                            "properties":{"reason":{"type":"string","minLength":1,"maxLength":500}}})"),
                       .response = Schema(R"({"type":"object","required":["invitation"],"properties":{"invitation":)" +
                                          invitation_schema + "}}"),
                       .status = 201,
                       .errors = {401, 403, 404, 409, 422},
                       .handler = core::Bind(service, &Reinvite)});
    registry.AddRoute(
        {.method = Method::kPost,
         .path = "/api/v1/users/{user_id}/disable",
         .policy_action = std::string(kDisableAction),
         .id = "disableUser",
         .summary = "Disable an account: its sessions end at once and it cannot sign in; If-Match: the account's "
                    "user_etag from the memberships list",
         .tag = "auth",
         .parameters = core::IfMatchParameter(),
         .response = Schema(R"({"type":"object","required":["id","disabled"]})"),
         .errors = {401, 403, 404, 409, 412, 428},
         .handler = [service](const Request& request) { return SetAccountDisabled(*service, request, true); }});
    registry.AddRoute(
        {.method = Method::kPost,
         .path = "/api/v1/users/{user_id}/enable",
         .policy_action = std::string(kDisableAction),
         .id = "enableUser",
         .summary = "Enable a disabled account again; If-Match: the account's user_etag from the memberships list",
         .tag = "auth",
         .parameters = core::IfMatchParameter(),
         .response = Schema(R"({"type":"object","required":["id","disabled"]})"),
         .errors = {401, 403, 404, 409, 412, 428},
         .handler = [service](const Request& request) { return SetAccountDisabled(*service, request, false); }});
    http::Route accept{
        .method = Method::kPost,
        .path = "/api/v1/invitations/accept",
        .policy_action = std::string(policy::kPublic),
        .id = "acceptInvitation",
        .summary = "Set one's own password with an invitation code; signs in",
        .tag = "auth",
        .request = Schema(R"({"type":"object","additionalProperties":false,"required":["code","password"],
                            "properties":{"code":{"type":"string","minLength":1,"maxLength":64},
                              "password":{"type":"string","minLength":1,"maxLength":1024}}})"),
        .response = authentication::SessionSchema(),
        .errors = {422, 429},
        .handler = core::Bind(service, &AcceptInvitation)};
    accept.heavy = true;
    registry.AddRoute(std::move(accept));
}

}  // namespace ponte::identity

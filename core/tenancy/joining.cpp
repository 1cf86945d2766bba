#include "core/tenancy/joining.hpp"

#include "core/accounts/invitations.hpp"
#include "core/accounts/store.hpp"
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

namespace ponte::tenancy {
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
using policy::Role;
using policy::Scope;

constexpr std::string_view kInviteAction = "auth.membership.invite";

constexpr std::string_view kInsertCode =
    "INSERT INTO tenancy_membership_invitations (digest, organization_id, role, created_by, created_at, expires_at) "
    "VALUES ($1, $2, $3, $4, $5, $6)";
constexpr std::string_view kSelectCode =
    "SELECT i.organization_id, i.role, o.name FROM tenancy_membership_invitations i "
    "JOIN tenancy_organizations o ON o.id = i.organization_id "
    "WHERE i.digest = $1 AND i.used_at IS NULL AND i.expires_at > $2";
constexpr std::string_view kSpendCode =
    "UPDATE tenancy_membership_invitations SET used_at = $2, used_by = $3 "
    "WHERE digest = $1 AND used_at IS NULL AND expires_at > $2";

audit::Entry OrganizationEntry(const Request& request, std::string_view action, std::string outcome,
                               std::int64_t organization_id) {
    audit::Entry entry = core::AuditEntry(request, std::string(action), std::move(outcome));
    entry.resource_type = "auth.organization";
    entry.resource_id = std::to_string(organization_id);
    entry.organization_id = organization_id;
    return entry;
}

core::Failure InvalidCode() {
    Failure problem{Fault::kInvalidFields};
    problem.errors.push_back({"code", "invalid_join_code"});
    return problem;
}

// Staff make a code for a role in their organization.
Reply CreateJoinCode(State& service, const Request& request) {
    const auto& principal = *request.principal;
    const auto organization_id = core::ParseId(request.Param("organization_id"));
    std::optional<policy::Resource> organization;
    if (organization_id) organization = OrganizationResource(*service.database->Acquire(), *organization_id);
    if (!organization) {
        return core::NotFoundAudited(
            *service.database, OrganizationEntry(request, kInviteAction, "not_found", organization_id.value_or(0)));
    }
    if (!service.policy.Permits(&principal, kInviteAction, *organization)) {
        return core::NotFoundAudited(*service.database,
                                     OrganizationEntry(request, kInviteAction, "denied", *organization_id));
    }
    http::JsonFields fields(request);
    auto role_name = fields.String("role");
    std::optional<Role> role;
    if (role_name) {
        role = policy::ParseRole(*role_name);
        if (!role || !policy::IsOrganizationRole(*role)) fields.Invalid("role", "format");
    }
    if (auto problem = fields.Finish()) return *problem;
    if (!MayGrant(principal, *role, *organization_id)) {
        audit::Record(*service.database, OrganizationEntry(request, kInviteAction, "denied_role", *organization_id),
                      core::NowMs());
        return Failure{Fault::kForbidden, "detail.role_not_grantable"};
    }
    const std::string code = crypto::ReadableCode(accounts::kInvitationGroups);
    const std::int64_t expires_at = service.database->Transact([&](db::Connection& connection) {
        const std::int64_t now = core::NowMs();
        const std::int64_t expires = now + accounts::kInvitationLifetime.count();
        connection.Execute(kInsertCode, {crypto::Sha256Hex(code), *organization_id, *role_name,
                                         db::NullIfZero(principal.user_id), now, expires});
        audit::Entry entry = OrganizationEntry(request, kInviteAction, "ok", *organization_id);
        entry.detail = boost::json::serialize(boost::json::object{{"role", *role_name}});
        audit::Append(connection, entry, now);
        return expires;
    });
    // The code travels in the link's fragment, which browsers never send to a server.
    const std::string url = core::PublicBaseUrl(service.public_url, service.secure, request) + "/join#" + code;
    return Response::Json(
        201, boost::json::serialize(boost::json::object{
                 {"organization_id", *organization_id},
                 {"role", *role_name},
                 {"code", code},
                 {"url", url},
                 {"expires_at", expires_at},
                 {"qr_svg", qr::Svg(url, i18n::Catalogue::Instance().Translate(request.locale, "label.join_qr"))}}));
}

// She accepts a code with her own account: the code is spent and she holds the role.
Reply AcceptJoinCode(State& service, const Request& request) {
    const auto& principal = *request.principal;
    http::JsonFields fields(request);
    auto canonical = accounts::ReadCode(fields, "code", "invalid_join_code");
    if (auto problem = fields.Finish()) return *problem;

    // Guessing codes is throttled per address like every other one-time secret.
    const std::string address_key = throttle::AddressKey(audit::AddressOf(request.remote));
    const std::string digest = crypto::Sha256Hex(*canonical);
    audit::Entry entry = core::AuditEntry(request, "auth.membership.join", "");
    entry.resource_type = "auth.organization";
    if (const std::int64_t wait = throttle::LockedFor(*service.database->Acquire(), address_key, core::NowMs());
        wait > 0) {
        entry.outcome = "throttled";
        audit::Record(*service.database, entry, core::NowMs());
        return throttle::TooManyAttempts(wait, "detail.too_many_codes");
    }
    enum class Outcome { kJoined, kInvalid, kAlreadyMember };
    struct Joined {
        std::int64_t membership_id = 0;
        std::int64_t organization_id = 0;
        std::string role;
        std::string organization_name;
    } joined;
    Outcome outcome = Outcome::kInvalid;
    try {
        outcome = service.database->Transact([&](db::Connection& connection) {
            const std::int64_t now = core::NowMs();
            auto rows = connection.Execute(kSelectCode, {digest, now});
            if (rows.empty() || connection.Execute(kSpendCode, {digest, now, principal.user_id}).affected_rows != 1) {
                throttle::RecordFailure(connection, address_key, now, throttle::kAddressRule);
                entry.outcome = "failed";
                audit::Append(connection, entry, now);
                return Outcome::kInvalid;
            }
            joined.organization_id = rows.Int(0, 0);
            joined.role = rows.Text(0, 1);
            joined.organization_name = rows.Text(0, 2);
            const auto role = policy::ParseRole(joined.role);
            joined.membership_id = AddMembership(connection, principal.user_id,
                                                 {.role = *role, .organization_id = joined.organization_id}, 0, now);
            entry.outcome = "ok";
            entry.resource_id = std::to_string(joined.organization_id);
            entry.organization_id = joined.organization_id;
            entry.detail = boost::json::serialize(boost::json::object{{"role", joined.role}});
            audit::Append(connection, entry, now);
            return Outcome::kJoined;
        });
    } catch (const db::UniqueViolation&) {
        outcome = Outcome::kAlreadyMember;  // rolled back: the code stays usable for the right person
    }
    switch (outcome) {
        case Outcome::kInvalid:
            return InvalidCode();
        case Outcome::kAlreadyMember:
            return Failure{Fault::kConflict, "detail.already_member", "membership exists"};
        case Outcome::kJoined:
            break;
    }
    return Response::Json(201,
                          boost::json::serialize(boost::json::object{{"id", joined.membership_id},
                                                                     {"organization_id", joined.organization_id},
                                                                     {"organization_name", joined.organization_name},
                                                                     {"role", joined.role}}));
}

}  // namespace

void RegisterJoining(core::Registry& registry, std::shared_ptr<State> service) {
    registry.policy().Declare(std::string(kInviteAction), {{Role::kCaseWorker, Scope::kOrganization},
                                                           {Role::kCoordinator, Scope::kOrganization},
                                                           {Role::kOrgAdmin, Scope::kOrganization},
                                                           {Role::kPlatformAdmin, Scope::kPlatform}});
    registry.AddRoute(
        {.method = Method::kPost,
         .path = "/api/v1/organizations/{organization_id}/membership-invitations",
         .policy_action = std::string(kInviteAction),
         .id = "createMembershipInvitation",
         .summary = "A one-time code with which a person who already has an account joins the organization in a role",
         .tag = "auth",
         .request = Schema(R"({"type":"object","additionalProperties":false,"required":["role"],
              "properties":{"role":{"type":"string","enum":["participant","community_member","mentor","case_worker",
                "trainer","coordinator","org_admin"]}}})"),
         .response =
             Schema(R"({"type":"object","required":["organization_id","role","code","url","expires_at","qr_svg"],
              "properties":{"organization_id":{"type":"integer"},"role":{"type":"string"},"code":{"type":"string"},
                "url":{"type":"string"},"expires_at":{"type":"integer"},"qr_svg":{"type":"string"}}})"),
         .status = 201,
         .errors = {401, 403, 404, 422},
         .handler = core::Bind(service, &CreateJoinCode)});
    registry.AddRoute(
        {.method = Method::kPost,
         .path = "/api/v1/membership-invitations/accept",
         .policy_action = std::string(policy::kSignedIn),
         .id = "acceptMembershipInvitation",
         .summary = "Join an organization with one's own account and a join code",
         .tag = "auth",
         .request = Schema(R"({"type":"object","additionalProperties":false,"required":["code"],
              "properties":{"code":{"type":"string","minLength":1,"maxLength":64}}})"),
         .response = Schema(R"({"type":"object","required":["id","organization_id","organization_name","role"],
              "properties":{"id":{"type":"integer"},"organization_id":{"type":"integer"},
                "organization_name":{"type":"string"},"role":{"type":"string"}}})"),
         .status = 201,
         .errors = {401, 403, 409, 422, 429},
         .handler = core::Bind(service, &AcceptJoinCode)});
}

}  // namespace ponte::tenancy

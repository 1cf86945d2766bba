#include "core/tenancy/memberships.hpp"

#include <boost/json.hpp>

#include "core/accounts/store.hpp"
#include "core/audit/audit.hpp"
#include "core/feature.hpp"
#include "core/http/json_body.hpp"
#include "core/page.hpp"
#include "core/policy/filter.hpp"
#include "core/tenancy/listings.hpp"
#include "core/tenancy/resources.hpp"
#include "core/tenancy/state.hpp"
#include "core/tenancy/store.hpp"
#include "core/version.hpp"

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
using policy::Role;
using policy::Scope;

constexpr std::string_view kListAction = "auth.membership.list";
constexpr std::string_view kCreateAction = "auth.membership.create";
constexpr std::string_view kDeleteAction = "auth.membership.delete";

constexpr std::string_view kSelectMembership =
    "SELECT user_id, role FROM tenancy_memberships WHERE id = $1 AND organization_id = $2";
constexpr std::string_view kCountAdmins =
    "SELECT COUNT(*) FROM tenancy_memberships WHERE organization_id = $1 AND role = 'org_admin'";
constexpr std::string_view kLockOrganization = "SELECT id FROM tenancy_organizations WHERE id = $1 FOR UPDATE";
constexpr std::string_view kDeleteMembership = "DELETE FROM tenancy_memberships WHERE id = $1";

// The body's user, resolved within the organization of the path: only a live account that
// already belongs to it may be given another role there. Anyone else (another organization's
// member, an erased account, no account) is answered as missing, and joins only through a code
// she accepts herself (joining.cpp).
constexpr std::string_view kSelectMember =
    "SELECT u.disabled FROM accounts_users u WHERE u.id = $1 AND u.erased_at IS NULL AND EXISTS "
    "(SELECT 1 FROM tenancy_memberships m WHERE m.user_id = u.id AND m.organization_id = $2)";

audit::Entry Entry(const Request& request, std::string_view action, std::string outcome, std::int64_t organization) {
    return {.actor_user_id = request.principal->user_id,
            .action = std::string(action),
            .outcome = std::move(outcome),
            .resource_type = "auth.organization",
            .resource_id = std::to_string(organization),
            .organization_id = organization,
            .remote = audit::AddressOf(request.remote),
            .request_id = request.request_id};
}

// The organization of the path, if the caller may take `action` on it; else 404, the same for a
// foreign organization as for a missing one (both audited).
core::Outcome<policy::Resource> PermittedOrganization(db::Database& database, const policy::Policy& policy,
                                                      const Request& request, std::string_view action) {
    std::optional<policy::Resource> resource;
    const auto id = core::ParseId(request.Param("organization_id"));
    if (id) resource = OrganizationResource(*database.Acquire(), *id);
    if (!resource) return core::NotFoundAudited(database, Entry(request, action, "not_found", id.value_or(0)));
    if (!policy.Permits(request.principal.get(), action, *resource)) {
        return core::NotFoundAudited(database, Entry(request, action, "denied", resource->organization_id));
    }
    return *resource;
}

// Who holds which role, a page at a time: the organization of the path is checked first (404 for
// a foreign one, as for a missing one), then one statement reads the page with the caller's access
// in its WHERE.
Reply List(db::Database& database, const crypto::Keyring& keyring, const policy::Policy& policy,
           const Request& request) {
    auto permitted = PermittedOrganization(database, policy, request, kListAction);
    if (!permitted) return std::move(permitted.failure());
    const std::int64_t organization_id = permitted.value().organization_id;
    auto page = core::ReadPage(request, keyring);
    if (!page) return std::move(page.failure());
    const policy::Filter filter = policy.FilterFor(request.principal.get(), kListAction);
    auto members = SelectMembers(*database.Acquire(), organization_id, filter, *page);
    boost::json::array items;
    for (const auto& member : members.items) {
        items.push_back({{"id", member.id},
                         {"user_id", member.user_id},
                         {"display_name", member.display_name},
                         {"role", member.role},
                         {"disabled", member.disabled},
                         {"user_etag", core::ETag(member.user_version)}});
    }
    audit::Record(database, Entry(request, kListAction, "ok", organization_id), core::NowMs());
    return Response::Json(
        200, boost::json::serialize(boost::json::object{
                 {"items", std::move(items)}, {"next_cursor", core::NextCursor(request, keyring, members.next)}}));
}

Reply Create(db::Database& database, const policy::Policy& policy, const Request& request) {
    auto permitted = PermittedOrganization(database, policy, request, kCreateAction);
    if (!permitted) return std::move(permitted.failure());
    const auto* resource = &permitted.value();
    http::JsonFields fields(request);
    auto user_id = fields.Int("user_id");
    auto role_name = fields.String("role");
    std::optional<Role> role;
    if (role_name) {
        role = policy::ParseRole(*role_name);
        if (!role) fields.Invalid("role", "format");
    }
    if (auto problem = fields.Finish()) return *problem;
    if (!policy::IsOrganizationRole(*role)) {
        audit::Record(database, Entry(request, kCreateAction, "denied_role", resource->organization_id), core::NowMs());
        return Failure{Fault::kForbidden, "detail.role_not_grantable"};
    }
    try {
        enum class Found { kMember, kMissing, kDisabled };
        Found found = Found::kMember;
        const std::int64_t id = database.Transact([&](db::Connection& connection) -> std::int64_t {
            auto member = connection.Execute(kSelectMember, {*user_id, resource->organization_id});
            found = member.empty() ? Found::kMissing : member.Int(0, 0) != 0 ? Found::kDisabled : Found::kMember;
            if (found != Found::kMember) return 0;
            const std::int64_t now = core::NowMs();
            const std::int64_t created =
                AddMembership(connection, *user_id, {.role = *role, .organization_id = resource->organization_id},
                              request.principal->user_id, now);
            audit::Entry entry = Entry(request, kCreateAction, "ok", resource->organization_id);
            entry.detail = boost::json::serialize(boost::json::object{{"user_id", *user_id}, {"role", *role_name}});
            audit::Append(connection, entry, now);
            return created;
        });
        if (found == Found::kDisabled) return Failure{Fault::kConflict, "detail.account_disabled"};
        if (found == Found::kMissing) {
            audit::Entry entry = Entry(request, kCreateAction, "not_found", resource->organization_id);
            entry.detail = boost::json::serialize(boost::json::object{{"user_id", *user_id}});
            audit::Record(database, entry, core::NowMs());
            Failure problem{Fault::kInvalidFields};
            problem.errors.push_back({"user_id", "not_found"});
            return problem;
        }
        return Response::Json(
            201, boost::json::serialize(boost::json::object{{"id", id}, {"user_id", *user_id}, {"role", *role_name}}));
    } catch (const db::UniqueViolation&) {
        return Failure{Fault::kConflict, "", "membership exists"};
    }
}

// Takes a role away, if the caller could give it; never the organization's last admin.
Reply Delete(db::Database& database, const policy::Policy& policy, const Request& request) {
    auto permitted = PermittedOrganization(database, policy, request, kDeleteAction);
    if (!permitted) return std::move(permitted.failure());
    const std::int64_t organization_id = permitted.value().organization_id;
    const auto membership_id = core::ParseId(request.Param("membership_id"));
    const auto& principal = *request.principal;
    enum class Outcome { kRemoved, kMissing, kNotGrantable, kLastAdmin };
    std::int64_t user_id = 0;
    const Outcome outcome = !membership_id ? Outcome::kMissing : database.Transact([&](db::Connection& connection) {
        // Two admins removing each other at once: the second waits for the first and counts again.
        // (SQLite serializes write transactions; PostgreSQL needs the row lock.)
        if (connection.engine() == db::Engine::kPostgres) connection.Execute(kLockOrganization, {organization_id});
        auto rows = connection.Execute(kSelectMembership, {*membership_id, organization_id});
        if (rows.empty()) return Outcome::kMissing;
        user_id = rows.Int(0, 0);
        const auto role = policy::ParseRole(rows.Text(0, 1));
        if (!role || !MayGrant(principal, *role, organization_id)) return Outcome::kNotGrantable;
        if (*role == Role::kOrgAdmin && connection.Execute(kCountAdmins, {organization_id}).Int(0, 0) <= 1) {
            return Outcome::kLastAdmin;
        }
        const std::int64_t now = core::NowMs();
        connection.Execute(kDeleteMembership, {*membership_id});
        audit::Entry entry = Entry(request, kDeleteAction, "ok", organization_id);
        entry.detail = boost::json::serialize(
            boost::json::object{{"membership_id", *membership_id}, {"user_id", user_id}, {"role", rows.Text(0, 1)}});
        audit::Append(connection, entry, now);
        return Outcome::kRemoved;
    });
    switch (outcome) {
        case Outcome::kMissing:
            return core::NotFoundAudited(database, Entry(request, kDeleteAction, "not_found", organization_id));
        case Outcome::kNotGrantable: {
            audit::Entry entry = Entry(request, kDeleteAction, "denied_role", organization_id);
            entry.detail = boost::json::serialize(boost::json::object{{"user_id", user_id}});
            audit::Record(database, entry, core::NowMs());
            return Failure{Fault::kForbidden, "detail.not_manageable"};
        }
        case Outcome::kLastAdmin:
            return Failure{Fault::kConflict, "detail.last_admin"};
        case Outcome::kRemoved:
            break;
    }
    Response response;
    response.status = 204;
    return response;
}

}  // namespace

void RegisterMemberships(core::Registry& registry) {
    registry.policy().Declare(std::string(kListAction), {{Role::kCoordinator, Scope::kOrganization},
                                                         {Role::kOrgAdmin, Scope::kOrganization},
                                                         {Role::kNetworkCoordinator, Scope::kNetwork},
                                                         {Role::kPlatformAdmin, Scope::kPlatform}});
    registry.policy().Declare(std::string(kCreateAction),
                              {{Role::kOrgAdmin, Scope::kOrganization}, {Role::kPlatformAdmin, Scope::kPlatform}});
    registry.policy().Declare(std::string(kDeleteAction),
                              {{Role::kOrgAdmin, Scope::kOrganization}, {Role::kPlatformAdmin, Scope::kPlatform}});
    db::Database* database = registry.database_or_null();
    const crypto::Keyring* keyring = registry.keyring_or_null();
    const policy::Policy* policy = &registry.policy();
    registry.AddRoute(
        {.method = Method::kGet,
         .path = "/api/v1/organizations/{organization_id}/memberships",
         .policy_action = std::string(kListAction),
         .id = "listMemberships",
         .summary = "Who holds which role in the organization, a page at a time (?limit=, at most 200, default 50; "
                    "?cursor=, the next_cursor of the page before); user_etag is the account's ETag, for If-Match",
         .tag = "auth",
         .parameters = core::PageParameters(),
         .response = boost::json::parse(R"({"type":"object","required":["items","next_cursor"],"properties":{"items":
                            {"type":"array","items":{"type":"object",
                            "required":["id","user_id","display_name","role","disabled","user_etag"],
                            "properties":{"id":{"type":"integer"},"user_id":{"type":"integer"},
                              "display_name":{"type":"string"},"role":{"type":"string"},
                              "disabled":{"type":"boolean"},"user_etag":{"type":"string"}}}},
                            "next_cursor":{"type":["string","null"]}}})"),
         .errors = {400, 401, 403, 404},
         .handler = [database, keyring, policy](const Request& request) {
             return List(*database, *keyring, *policy, request);
         }});
    registry.AddRoute(
        {.method = Method::kPost,
         .path = "/api/v1/organizations/{organization_id}/memberships",
         .policy_action = std::string(kCreateAction),
         .id = "createMembership",
         .summary = "Give a member of the organization another role in it (anyone else joins with a code she accepts)",
         .tag = "auth",
         .request = boost::json::parse(R"({"type":"object","additionalProperties":false,"required":["user_id","role"],
                            "properties":{"user_id":{"type":"integer","minimum":1},
                              "role":{"type":"string","enum":["participant","community_member","mentor","case_worker",
                                "trainer","coordinator","org_admin"]}}})"),
         .response = boost::json::parse(R"({"type":"object","required":["id","user_id","role"]})"),
         .status = 201,
         .errors = {401, 403, 404, 409, 422},
         .handler = [database, policy](const Request& request) { return Create(*database, *policy, request); }});
    registry.AddRoute(
        {.method = Method::kDelete,
         .path = "/api/v1/organizations/{organization_id}/memberships/{membership_id}",
         .policy_action = std::string(kDeleteAction),
         .id = "deleteMembership",
         .summary = "Take a role away from a person in the organization",
         .tag = "auth",
         .status = 204,
         .errors = {401, 403, 404, 409},
         .handler = [database, policy](const Request& request) { return Delete(*database, *policy, request); }});
}

}  // namespace ponte::tenancy

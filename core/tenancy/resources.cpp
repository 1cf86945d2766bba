#include "core/tenancy/resources.hpp"

#include <algorithm>
#include <charconv>

#include "core/accounts/store.hpp"
#include "core/tenancy/store.hpp"

namespace ponte::tenancy {
namespace {

constexpr std::string_view kOrganizationExists = "SELECT 1 FROM tenancy_organizations WHERE id = $1";
// An erased account is gone for every route: it cannot be enabled, re-invited or reached again.
constexpr std::string_view kSelectUserState =
    "SELECT disabled, password_hash IS NOT NULL FROM accounts_users WHERE id = $1 AND erased_at IS NULL";

using policy::Role;

}  // namespace

std::optional<policy::Resource> OrganizationResource(db::Connection& connection, std::int64_t organization_id) {
    if (connection.Execute(kOrganizationExists, {organization_id}).empty()) return std::nullopt;
    return policy::Resource{.organization_id = organization_id, .network_ids = NetworksOf(connection, organization_id)};
}

std::optional<UserFacts> LoadUserFacts(db::Connection& connection, std::int64_t user_id) {
    auto rows = connection.Execute(kSelectUserState, {user_id});
    if (rows.empty()) return std::nullopt;
    UserFacts user{.id = user_id,
                   .disabled = rows.Int(0, 0) != 0,
                   .has_password = rows.Int(0, 1) != 0,
                   .memberships = ListMemberships(connection, user_id)};
    for (const auto& membership : user.memberships) {
        if (membership.organization_id == 0) continue;
        const bool known = std::any_of(user.organizations.begin(), user.organizations.end(),
                                       [&](const auto& r) { return r.organization_id == membership.organization_id; });
        if (known) continue;
        auto organization = OrganizationResource(connection, membership.organization_id);
        if (!organization) continue;            // deleted meanwhile (memberships go with it)
        organization->owner_user_id = user_id;  // her own account
        user.organizations.push_back(std::move(*organization));
    }
    return user;
}

bool PermitsOnUser(const policy::Policy& policy, const policy::Principal& principal, std::string_view action,
                   const UserFacts& user) {
    // Her own account, and a platform-wide grant, cover users in no organization too.
    if (policy.Permits(&principal, action, policy::Resource{.owner_user_id = user.id})) return true;
    return std::any_of(user.organizations.begin(), user.organizations.end(), [&](const policy::Resource& organization) {
        return policy.Permits(&principal, action, organization);
    });
}

bool MayGrant(const policy::Principal& principal, Role role, std::int64_t organization_id) {
    if (principal.HasRole(Role::kPlatformAdmin)) return true;
    if (!policy::IsOrganizationRole(role) || organization_id == 0) return false;
    const bool accompanied = role == Role::kParticipant || role == Role::kCommunityMember || role == Role::kMentor;
    return std::any_of(principal.memberships.begin(), principal.memberships.end(), [&](const policy::Membership& m) {
        if (m.organization_id != organization_id) return false;
        return m.role == Role::kOrgAdmin ||
               (accompanied && (m.role == Role::kCaseWorker || m.role == Role::kCoordinator));
    });
}

bool MayManage(const policy::Principal& principal, const UserFacts& user) {
    return std::all_of(user.memberships.begin(), user.memberships.end(),
                       [&](const policy::Membership& m) { return MayGrant(principal, m.role, m.organization_id); });
}

}  // namespace ponte::tenancy

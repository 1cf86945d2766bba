#include "core/policy/policy.hpp"

#include <algorithm>
#include <stdexcept>

namespace ponte::policy {
namespace {

bool Contains(const std::vector<std::int64_t>& ids, std::int64_t id) {
    return id != 0 && std::find(ids.begin(), ids.end(), id) != ids.end();
}

bool WellFormedAction(std::string_view action) {
    if (action.empty() || action.front() == '.' || action.back() == '.') return false;
    if (std::count(action.begin(), action.end(), '.') != 2) return false;
    return std::all_of(action.begin(), action.end(),
                       [](char c) { return (c >= 'a' && c <= 'z') || c == '_' || c == '.'; });
}

}  // namespace

std::string_view RoleName(Role role) {
    switch (role) {
        case Role::kParticipant:
            return "participant";
        case Role::kCommunityMember:
            return "community_member";
        case Role::kMentor:
            return "mentor";
        case Role::kCaseWorker:
            return "case_worker";
        case Role::kTrainer:
            return "trainer";
        case Role::kCoordinator:
            return "coordinator";
        case Role::kOrgAdmin:
            return "org_admin";
        case Role::kNetworkCoordinator:
            return "network_coordinator";
        case Role::kPlatformAdmin:
            return "platform_admin";
    }
    return "participant";  // unreachable: every role is handled above
}

std::optional<Role> ParseRole(std::string_view name) {
    for (Role role : kAllRoles) {
        if (RoleName(role) == name) return role;
    }
    return std::nullopt;
}

bool IsStaff(Role role) {
    switch (role) {
        case Role::kParticipant:
        case Role::kCommunityMember:
        case Role::kMentor:
            return false;
        case Role::kCaseWorker:
        case Role::kTrainer:
        case Role::kCoordinator:
        case Role::kOrgAdmin:
        case Role::kNetworkCoordinator:
        case Role::kPlatformAdmin:
            return true;
    }
    return true;  // unreachable
}

bool IsOrganizationRole(Role role) { return role != Role::kNetworkCoordinator && role != Role::kPlatformAdmin; }

bool Principal::HasRole(Role role) const {
    return std::any_of(memberships.begin(), memberships.end(), [role](const Membership& m) { return m.role == role; });
}

bool Principal::IsStaff() const {
    return std::any_of(memberships.begin(), memberships.end(),
                       [](const Membership& m) { return policy::IsStaff(m.role); });
}

bool Covers(const Membership& membership, Scope scope, std::int64_t user_id, const Resource& resource) {
    switch (scope) {
        case Scope::kOwn:
            return resource.owner_user_id != 0 && resource.owner_user_id == user_id;
        case Scope::kAssigned:
            return membership.organization_id != 0 && membership.organization_id == resource.organization_id &&
                   Contains(resource.assigned_user_ids, user_id);
        case Scope::kOrganization:
            return membership.organization_id != 0 && membership.organization_id == resource.organization_id;
        case Scope::kNetwork:
            return Contains(resource.network_ids, membership.network_id);
        case Scope::kPlatform:
            return membership.role == Role::kPlatformAdmin;
    }
    return false;  // unreachable
}

void Policy::Declare(std::string action, std::vector<Grant> grants) {
    if (!WellFormedAction(action)) throw std::logic_error("malformed policy action: " + action);
    if (actions_.contains(action)) throw std::logic_error("policy action declared twice: " + action);
    actions_.emplace(std::move(action), std::move(grants));
}

bool Policy::Knows(std::string_view action) const {
    return action == kPublic || action == kSignedIn || action == kSigningIn || actions_.find(action) != actions_.end();
}

bool Policy::MayEver(const Principal* principal, std::string_view action) const {
    if (action == kPublic) return true;
    if (principal == nullptr) return false;
    if (action == kSigningIn) return true;
    if (principal->second_factor_due) return false;
    if (action == kSignedIn) return true;
    auto found = actions_.find(action);
    if (found == actions_.end()) return false;
    return std::any_of(found->second.begin(), found->second.end(),
                       [principal](const Grant& grant) { return principal->HasRole(grant.role); });
}

bool Policy::Permits(const Principal* principal, std::string_view action, const Resource& resource) const {
    if (action == kPublic) return true;
    if (principal == nullptr || principal->second_factor_due) return false;
    auto found = actions_.find(action);
    if (found == actions_.end()) return false;
    for (const Grant& grant : found->second) {
        for (const Membership& membership : principal->memberships) {
            if (membership.role == grant.role && Covers(membership, grant.scope, principal->user_id, resource)) {
                return true;
            }
        }
    }
    return false;
}

}  // namespace ponte::policy

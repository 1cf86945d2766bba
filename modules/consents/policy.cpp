#include "modules/consents/policy.hpp"

#include <algorithm>
#include <string>
#include <vector>

#include "modules/consents/actions.hpp"

namespace ponte::consents {
namespace {

using policy::Role;
using policy::Scope;

// True when she holds a staff role in `organization_id` (0: in any organization).
bool IsStaffIn(const tenancy::UserFacts& user, std::int64_t organization_id) {
    return std::any_of(user.memberships.begin(), user.memberships.end(), [&](const policy::Membership& m) {
        return policy::IsStaff(m.role) && (organization_id == 0 || m.organization_id == organization_id);
    });
}

}  // namespace

void DeclarePolicy(policy::Policy& policy) {
    std::vector<policy::Grant> grants;
    for (Role role : policy::kAllRoles) grants.push_back({role, Scope::kOwn});
    for (Role role : {Role::kCaseWorker, Role::kCoordinator, Role::kOrgAdmin}) {
        grants.push_back({role, Scope::kOrganization});
    }
    grants.push_back({Role::kPlatformAdmin, Scope::kPlatform});
    policy.Declare(std::string(kReadAction), grants);
    policy.Declare(std::string(kRecordAction), grants);
}

bool Reaches(const policy::Policy& policy, const policy::Principal& caller, std::string_view action,
             const tenancy::UserFacts& person) {
    if (person.id == caller.user_id || !IsStaffIn(person, 0))
        return tenancy::PermitsOnUser(policy, caller, action, person);
    return std::any_of(person.organizations.begin(), person.organizations.end(), [&](const policy::Resource& org) {
        return !IsStaffIn(person, org.organization_id) && policy.Permits(&caller, action, org);
    });
}

}  // namespace ponte::consents

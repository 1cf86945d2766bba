// Who may read and record a person's consents.
#pragma once

#include <string_view>

#include "core/policy/policy.hpp"
#include "core/tenancy/resources.hpp"

namespace ponte::consents {

// Declares the module's actions: everyone on her own consents; case workers, coordinators and
// organization admins on those of the people their organization serves; platform admins on all.
void DeclarePolicy(policy::Policy& policy);

// True when `caller` may take `action` on the consents of `person`. Staff reach her through an
// organization that serves her, one where she holds no staff role: a colleague's consents are her
// own business.
bool Reaches(const policy::Policy& policy, const policy::Principal& caller, std::string_view action,
             const tenancy::UserFacts& person);

}  // namespace ponte::consents

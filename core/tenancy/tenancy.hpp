// Tenancy: the organizations, the territorial networks they take part in, and memberships (who
// holds which role where), with their routes and policy. A membership's organization or network
// is what the policy's scopes reach (core/policy).
#pragma once

#include "core/registry.hpp"

namespace ponte::tenancy {

// Adds the routes of organizations, networks, memberships and join codes with their policy.
void Register(core::Registry& registry);

}  // namespace ponte::tenancy

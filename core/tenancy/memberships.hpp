// Membership management: who holds which role in an organization. Organization admins manage
// the organization roles of their own organization; platform admins manage any organization.
// Nobody grants a role wider than an organization through these routes, so an organization
// admin cannot make anyone (herself included) a network coordinator or platform admin.
#pragma once

#include <memory>

#include "core/registry.hpp"

namespace ponte::tenancy {

// Adds GET and POST /api/v1/organizations/{organization_id}/memberships and DELETE of one
// membership, with their policy.
void RegisterMemberships(core::Registry& registry);

}  // namespace ponte::tenancy

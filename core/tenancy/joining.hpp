// Joining an organization with an account one already has. Nobody's account is attached to an
// organization on someone else's word: staff of the organization make a one-time join code for
// a role (as text, a link and a QR code, valid 14 days) and hand it over; the person accepts it
// herself, signed in to her own account, and only then holds the role. Staff give through a code
// only the roles they could give a new account (resources.hpp: MayGrant).
#pragma once

#include <memory>

#include "core/registry.hpp"
#include "core/tenancy/state.hpp"

namespace ponte::tenancy {

// Adds POST /api/v1/organizations/{organization_id}/membership-invitations and
// POST /api/v1/membership-invitations/accept with their policy.
void RegisterJoining(core::Registry& registry, std::shared_ptr<State> service);

}  // namespace ponte::tenancy

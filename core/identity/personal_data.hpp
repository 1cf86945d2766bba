// What the identity module holds about a person, for the personal-data registry: her account,
// memberships, sessions, second factor, invitations, reset links and sign-in throttling keys.
#pragma once

#include "core/registry.hpp"

namespace ponte::identity {

void DeclarePersonalData(core::Registry& registry);

}  // namespace ponte::identity

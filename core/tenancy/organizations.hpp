// Organizations and territorial networks: who may see them (members of an organization, the
// coordinators of its networks, platform admins) and who changes them (platform admins only:
// joining a network widens what its coordinators reach).
#pragma once

#include <memory>

#include "core/registry.hpp"
#include "core/tenancy/state.hpp"

namespace ponte::tenancy {

void RegisterOrganizations(core::Registry& registry, std::shared_ptr<State> service);

}  // namespace ponte::tenancy

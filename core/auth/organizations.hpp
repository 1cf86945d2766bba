// Organizations and territorial networks: who may see them (members of an organization, the
// coordinators of its networks, platform admins) and who changes them (platform admins only:
// joining a network widens what its coordinators reach).
#pragma once

#include <memory>

#include "core/auth/service.hpp"
#include "core/registry.hpp"

namespace ponte::auth {

void RegisterOrganizations(core::Registry& registry, std::shared_ptr<Service> service);

}  // namespace ponte::auth

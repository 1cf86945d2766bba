#include "core/tenancy/tenancy.hpp"

#include <memory>

#include "core/tenancy/joining.hpp"
#include "core/tenancy/memberships.hpp"
#include "core/tenancy/organizations.hpp"
#include "core/tenancy/state.hpp"

namespace ponte::tenancy {

void Register(core::Registry& registry) {
    const core::Deployment& deployment = registry.deployment();
    auto state = std::make_shared<State>(State{.database = registry.database_or_null(),
                                               .keyring = registry.keyring_or_null(),
                                               .policy = registry.policy(),
                                               .public_url = deployment.public_url,
                                               .secure = deployment.secure});
    RegisterOrganizations(registry, state);
    RegisterMemberships(registry);
    RegisterJoining(registry, state);
}

}  // namespace ponte::tenancy

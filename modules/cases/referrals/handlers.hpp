// The HTTP face of referrals: decode the request, call the use case, answer JSON or the failure.
#pragma once

#include <memory>

#include "core/registry.hpp"
#include "modules/cases/actions.hpp"

namespace ponte::cases {

// Adds the referral routes, bound to `module`.
void AddReferralRoutes(core::Registry& registry, std::shared_ptr<const Module> module);

}  // namespace ponte::cases

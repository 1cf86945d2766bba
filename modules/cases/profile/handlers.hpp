// The HTTP face of her profile's parts: decode the request, call the use case, answer JSON or the
// failure.
#pragma once

#include <memory>

#include "core/registry.hpp"
#include "modules/cases/actions.hpp"

namespace ponte::cases {

// Adds the routes of her profile, safe-contact rules and sensitive attributes, bound to `module`.
void AddProfileRoutes(core::Registry& registry, std::shared_ptr<const Module> module);

}  // namespace ponte::cases

// The HTTP face of breaking the glass.
#pragma once

#include <memory>

#include "core/registry.hpp"
#include "modules/cases/actions.hpp"

namespace ponte::cases {

// Adds the route that breaks the glass of a case, bound to `module`.
void AddGlassRoutes(core::Registry& registry, std::shared_ptr<const Module> module);

}  // namespace ponte::cases

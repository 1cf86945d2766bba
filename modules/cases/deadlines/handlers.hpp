// The HTTP face of deadlines: decode the request, call the use case, answer JSON or the failure.
#pragma once

#include <memory>

#include "core/registry.hpp"
#include "modules/cases/actions.hpp"

namespace ponte::cases {

// Adds the routes of deadlines, bound to `module`.
void AddDeadlineRoutes(core::Registry& registry, std::shared_ptr<const Module> module);

}  // namespace ponte::cases

// The HTTP face of the multidisciplinary team: decode the request, call the use case, answer JSON
// or the failure.
#pragma once

#include <memory>

#include "core/registry.hpp"
#include "modules/cases/actions.hpp"

namespace ponte::cases {

// Adds the routes of teams, their members, the cases shared with them and their meetings.
void AddTeamRoutes(core::Registry& registry, std::shared_ptr<const Module> module);

}  // namespace ponte::cases

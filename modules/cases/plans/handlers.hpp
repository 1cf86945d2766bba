// The HTTP routes of personalized projects: the plan of a case, its versions, the state of one of
// its actions, and the plan as a PDF.
#pragma once

#include <memory>

#include "core/registry.hpp"
#include "modules/cases/actions.hpp"

namespace ponte::cases {

void AddPlanRoutes(core::Registry& registry, std::shared_ptr<const Module> module);

}  // namespace ponte::cases

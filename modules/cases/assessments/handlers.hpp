// The HTTP face of a case's autonomy assessments, and what else the registry learns of them.
#pragma once

#include <memory>

#include "core/registry.hpp"
#include "modules/cases/actions.hpp"

namespace ponte::cases {

// Adds the assessments' sealed column, their personal data and their routes, bound to `module`.
// The tables are in the cases migrations; the actions are in the cases policy.
void AddAssessments(core::Registry& registry, std::shared_ptr<const Module> module);

}  // namespace ponte::cases

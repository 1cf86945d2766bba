// The HTTP face of a case's notes: decode the request, call the use case, answer JSON or the
// failure.
#pragma once

#include <memory>

#include "core/registry.hpp"
#include "modules/cases/actions.hpp"

namespace ponte::cases {

// Adds the routes of notes, bound to `module`.
void AddNoteRoutes(core::Registry& registry, std::shared_ptr<const Module> module);

}  // namespace ponte::cases

// The HTTP face of the listening space: decode the request, call the use case, answer JSON or the
// failure.
#pragma once

#include <memory>

#include "core/registry.hpp"
#include "modules/cases/actions.hpp"

namespace ponte::cases {

// Adds the routes of places, interpreters, slots and appointments, bound to `module`.
void AddAppointmentRoutes(core::Registry& registry, std::shared_ptr<const Module> module);

}  // namespace ponte::cases

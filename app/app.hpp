// The composition root's list of modules: the one place that names every module, in order.
#pragma once

#include "core/module.hpp"
#include "core/registry.hpp"

namespace ponte::app {

// Every module, in dependency order, with its default settings.
core::Modules AllModules();

// Adds core's own migrations, then each module's registrations, to `registry` (not yet
// finalized); the deployment is the registry's.
void RegisterAll(core::Registry& registry, const core::Modules& modules = AllModules());

}  // namespace ponte::app

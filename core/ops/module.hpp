// The operational routes as modules for the composition root: ops (health, metrics, OpenAPI,
// meta, with the quick-exit and metrics settings) and the test suite's probe routes.
#pragma once

#include <memory>

#include "core/module.hpp"

namespace ponte::ops {

std::unique_ptr<core::Module> MakeModule();

// The probe routes, registered only when the deployment serves test routes.
std::unique_ptr<core::Module> MakeProbeModule();

}  // namespace ponte::ops

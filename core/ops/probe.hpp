// Routes that exist only for the test suite (`serve --test-routes`): a transactional write, its
// read-back and a slow request (optionally slow in the database). They let the durability,
// shutdown and handler-pool tests and the benchmark drive the real server.
#pragma once

#include "core/registry.hpp"

namespace ponte::ops {

// Adds the probe routes and the probe tables' migrations (module "probe").
void RegisterProbe(core::Registry& registry);

}  // namespace ponte::ops

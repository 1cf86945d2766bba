// The directory's routes: the HSDS 3.0 API under /api/v1/hsds/, public, as the Open Referral API
// specification writes it (paths, page numbers, the Page object), for other directories to read.
#pragma once

#include <memory>

#include "core/registry.hpp"
#include "modules/directory/actions.hpp"

namespace ponte::directory {

void AddRoutes(core::Registry& registry, std::shared_ptr<const Module> module);

}  // namespace ponte::directory

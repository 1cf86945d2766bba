// The HTTP face of her own view (/api/v1/my/...: her cases, her actions done or help asked for,
// an appointment to add to her calendar, a document shared with her) and of linking her account
// to her record (/api/v1/cases/{case_id}/account).
#pragma once

#include <memory>

#include "core/registry.hpp"
#include "modules/cases/actions.hpp"

namespace ponte::cases {

void AddHerRoutes(core::Registry& registry, std::shared_ptr<const Module> module);

}  // namespace ponte::cases

// Demo cases: women followed by the first organization, led by its case worker, in every state;
// those that are active assessed three times over the last year.
#pragma once

#include "core/db/database.hpp"
#include "core/seed.hpp"

namespace ponte::cases {

void SeedDemo(db::Connection& connection, core::DemoWorld& world);

}  // namespace ponte::cases

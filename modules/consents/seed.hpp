// Demo decisions: every demo participant has agreed online to news by email.
#pragma once

#include "core/seed.hpp"

namespace ponte::consents {

void SeedDemo(db::Connection& connection, core::DemoWorld& world);

}  // namespace ponte::consents

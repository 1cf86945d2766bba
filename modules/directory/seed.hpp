// Demo data: a fictional directory of the Empolese Valdelsa (the towns are real, the organizations,
// services, addresses and numbers are not): the organizations of the network and others, their
// services in every category of Ponte's taxonomy, in several languages, with their places and
// opening hours, two of them confidential shelters. `--services N` adds N more for benchmarks.
#pragma once

#include "core/seed.hpp"

namespace ponte::directory {

void SeedDemo(db::Connection& connection, core::DemoWorld& world);

}  // namespace ponte::directory

// Directory: the territory's services on Open Referral HSDS 3.0 (organizations, services,
// locations, schedules, languages, a taxonomy of what women need), imported and exported as HSDS
// and read through the HSDS API by other directories. A shelter's location is confidential.
#pragma once

#include <memory>

#include "core/module.hpp"

namespace ponte::directory {

// The tables, the HSDS API routes, and the command `ponte directory import FILE...`.
std::unique_ptr<core::Module> MakeModule();

}  // namespace ponte::directory

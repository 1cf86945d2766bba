// Cases: taking charge of a woman's situation (referral, intake, the personalized project, her
// team, closing), the shape of modules/README.md.
#pragma once

#include <memory>

#include "core/module.hpp"

namespace ponte::cases {

std::unique_ptr<core::Module> MakeModule();

}  // namespace ponte::cases

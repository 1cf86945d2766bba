// The identity module as the composition root sees it: its settings (sessions, password hashing)
// and its registration.
#pragma once

#include <memory>

#include "core/module.hpp"

namespace ponte::auth {

std::unique_ptr<core::Module> MakeModule();

}  // namespace ponte::auth

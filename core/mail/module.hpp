// The mail module as the composition root sees it: the SMTP settings and its registration.
#pragma once

#include <memory>

#include "core/module.hpp"

namespace ponte::mail {

std::unique_ptr<core::Module> MakeModule();

}  // namespace ponte::mail

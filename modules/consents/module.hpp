// Consents: the record of what each person agreed to, for which purpose, and how it was given.
// A person records her own decisions online; staff of an organization that serves her record the
// ones she gave on paper or by voice. Decisions are never changed, only followed by newer ones,
// so the history is the proof. The reference module: every domain module has this shape.
#pragma once

#include <memory>

#include "core/module.hpp"

namespace ponte::consents {

// The table, the routes, the policy, the personal data, the demo decisions, and the command
// `ponte consents purposes`, which lists the declared purposes.
std::unique_ptr<core::Module> MakeModule();

}  // namespace ponte::consents

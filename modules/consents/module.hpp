// Consents: the record of what each person agreed to, for which purpose, and how it was given.
// A person records her own decisions online; staff of an organization that serves her record the
// ones she gave on paper or by voice. Decisions are never changed, only followed by newer ones,
// so the history is the proof. The reference module: every domain module has this shape.
#pragma once

#include "core/registry.hpp"

namespace ponte::consents {

// Adds the table, the routes, the policy, the personal data and the demo decisions.
void Register(core::Registry& registry);

}  // namespace ponte::consents

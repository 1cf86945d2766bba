// Breaking the glass, free of HTTP: a case worker of the case's organization who is not on its
// team writes why she must read it, and reads it (not change it) for kGlassHours; the case's
// timeline shows it and its lead worker is mailed. Audited.
#pragma once

#include <cstdint>
#include <string>

#include "modules/cases/actions.hpp"

namespace ponte::cases {

// The case `case_id`, when the caller may break its glass. kNotFound (audited) for a case she may
// not break the glass of, as for a missing one; kConflict when she reads it already (on its team).
core::Outcome<Case> ReachGlassCase(const Module& module, const policy::Principal& caller, audit::Entry& request,
                                   std::int64_t case_id);

// Breaks the glass of the reached case for the caller; returns when her access ends.
std::int64_t BreakCaseGlass(const Module& module, const policy::Principal& caller, audit::Entry request,
                            const Case& record, const std::string& reason);

}  // namespace ponte::cases

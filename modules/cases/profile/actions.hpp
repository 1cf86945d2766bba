// The use cases of her profile's parts, free of HTTP. The caller has reached the case with the
// part's action (ReachCase); each read and each change is audited, and each change is on the
// case's timeline (which part changed, never what it says).
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>

#include "modules/cases/actions.hpp"
#include "modules/cases/profile/store.hpp"

namespace ponte::cases {

// The part of her record, as it stands. Audited.
StoredPart ReadProfilePart(const Module& module, audit::Entry request, const Reached& reached, Part part);

// Replaces the part with `content` when it is at `expected_version`; kStale when it is not (or
// was changed meanwhile). Returns the part as it is now. Precondition: `content` is valid for the
// part (the model's Refused* rules hold).
core::Outcome<StoredPart> WriteProfilePart(const Module& module, const policy::Principal& caller, audit::Entry request,
                                           const Reached& reached, Part part, std::int64_t expected_version,
                                           const boost::json::object& content);

}  // namespace ponte::cases

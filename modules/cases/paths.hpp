// The records a request's path names, reached as the module's use cases decide (ReachCase,
// ReachOrganization), for the handlers of every part of the module; and the failure of a
// malformed query parameter.
#pragma once

#include <string>
#include <string_view>

#include "core/http/message.hpp"
#include "modules/cases/actions.hpp"

namespace ponte::cases {

// The case of the path's {case_id}, as ReachCase answers for it.
core::Outcome<Reached> ReachPathCase(const Module& module, const http::Request& request, audit::Entry& entry,
                                     std::string_view action);

// The organization of the path's {organization_id}, as ReachOrganization answers for it.
core::Outcome<std::int64_t> ReachPathOrganization(const Module& module, const http::Request& request,
                                                  audit::Entry& entry, std::string_view action);

}  // namespace ponte::cases

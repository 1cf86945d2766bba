#include "modules/cases/paths.hpp"

#include "core/feature.hpp"

namespace ponte::cases {

core::Outcome<Reached> ReachPathCase(const Module& module, const http::Request& request, audit::Entry& entry,
                                     std::string_view action) {
    return ReachCase(module, *request.principal, entry, action, core::ParseId(request.Param("case_id")).value_or(0));
}

core::Outcome<std::int64_t> ReachPathOrganization(const Module& module, const http::Request& request,
                                                  audit::Entry& entry, std::string_view action) {
    return ReachOrganization(module, *request.principal, entry, action,
                             core::ParseId(request.Param("organization_id")).value_or(0));
}

}  // namespace ponte::cases

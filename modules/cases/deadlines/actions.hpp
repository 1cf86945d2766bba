// The use cases of deadlines, free of HTTP. A deadline belongs to a case (reached with ReachCase);
// the organization's list of open deadlines holds those of the cases the caller reads. Every read
// and change is audited; a new deadline and one done are on the case's timeline.
#pragma once

#include <cstdint>
#include <vector>

#include "modules/cases/actions.hpp"
#include "modules/cases/deadlines/store.hpp"

namespace ponte::cases {

// Adds a deadline to the case. kInvalidFields naming due_on ("format": not a real day) or case
// ("closed"). Audited; on the timeline (its kind and day, not its title).
core::Outcome<Deadline> AddDeadline(const Module& module, const policy::Principal& caller, audit::Entry request,
                                    const Reached& reached, Deadline deadline);

// The case's deadlines. Audited.
std::vector<Deadline> ReadDeadlines(const Module& module, audit::Entry request, const Reached& reached);

// The deadline the request names, with its case reached as `action` allows; kNotFound otherwise.
struct ReachedDeadline {
    Deadline deadline;
    Reached reached;
};
core::Outcome<ReachedDeadline> ReachDeadline(const Module& module, const policy::Principal& caller,
                                             audit::Entry& request, std::string_view action, std::int64_t deadline_id);

// Marks it done at `expected_version`: kStale otherwise; kConflict when it was done already.
core::Outcome<Deadline> CompleteDeadline(const Module& module, const policy::Principal& caller, audit::Entry request,
                                         const ReachedDeadline& reached, std::int64_t expected_version);

// A page of the organization's open deadlines due before `before`, of the cases the caller reads.
core::Page<Deadline> ReadOpenDeadlines(const Module& module, const policy::Principal& caller, audit::Entry request,
                                       std::int64_t organization_id, std::string_view before,
                                       const core::PageRequest& page);

}  // namespace ponte::cases

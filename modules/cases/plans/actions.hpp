// The use cases of personalized projects, free of HTTP. A plan belongs to a case (reached with
// ReachCase); it is read with the case and agreed and revised by those who move it. Every read
// and change is audited; each new version is on the case's timeline and kept with what changed.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "modules/cases/actions.hpp"
#include "modules/cases/plans/store.hpp"

namespace ponte::cases {

// The case's plan as it is now. Audited.
Plan ReadCasePlan(const Module& module, audit::Entry request, const Reached& reached);

// Agrees the plan (the first time) or revises it, when it is at `expected_version`: kStale when it
// is not (another worker revised it meanwhile). kInvalidFields naming the field and the rule
// (RefusedPlan's, and: an id that is not one of this plan's goals or actions, or given twice:
// "not_found", "duplicate"; an owner who is not a worker of her team, or an organization that does
// not share a network with hers: "not_found", as for a missing one). Audited; on the timeline;
// the version is kept.
core::Outcome<Plan> RevisePlan(const Module& module, const policy::Principal& caller, audit::Entry request,
                               const Reached& reached, std::int64_t expected_version, Plan asked);

// Adds `action` to the goal `goal_id` of the case's plan as its next version, in the caller's
// transaction, with the event "plan_action_decided" on the timeline (`detail` says where the
// decision was taken); the id of the new action, or the field and rule refused (as RevisePlan's,
// the goal's under "goal_id", the action's without a prefix), nothing written. Not audited: the
// caller audits its request.
std::variant<std::int64_t, Refusal> AddDecidedAction(const Module& module, std::int64_t by_user_id,
                                                     db::Connection& connection, const Reached& reached,
                                                     std::int64_t goal_id, const PlanAction& action,
                                                     boost::json::object detail);

// The plan's versions, newest first, each as it was and with what changed in it. Audited.
std::vector<PlanVersion> ReadPlanVersions(const Module& module, audit::Entry request, const Reached& reached);

// The action the request names, with its case reached as `action` allows; kNotFound otherwise.
struct ReachedAction {
    std::int64_t action_id = 0;
    Reached reached;
};
core::Outcome<ReachedAction> ReachPlanAction(const Module& module, const policy::Principal& caller,
                                             audit::Entry& request, std::string_view action, std::int64_t action_id);

// Sets the state of one action of the plan, when the plan is at `expected_version` (0: whatever
// version it is at when the change is written): a revision of its own (a new version, on the
// timeline). kStale otherwise; kInvalidFields ("state": "closed") for a closed case.
core::Outcome<Plan> SetActionState(const Module& module, const policy::Principal& caller, audit::Entry request,
                                   const ReachedAction& reached, std::int64_t expected_version, ActionState state);

// The plan as a PDF, in each of `locales` one after the other (her language, then her worker's).
// Audited.
std::string PlanPdf(const Module& module, audit::Entry request, const Reached& reached,
                    const std::vector<std::string>& locales);

}  // namespace ponte::cases

// The personalized project as plain values, and its rules. No I/O.
//
// Her worker and she agree goals, each in a domain of her autonomy (the assessment's domains),
// with what she aims at and how they will know it is reached; toward each goal, actions with an
// owner (she, a worker of her team, or a partner organization), a day and a state. They review the
// plan on the days they set. Each revision is a new version; the versions before are kept, with
// what changed, so that she and her team see how the plan grew.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "modules/cases/model.hpp"

namespace ponte::cases {

enum class Owner { kHer, kWorker, kPartner };
std::string_view OwnerName(Owner owner);
std::optional<Owner> ParseOwner(std::string_view name);

enum class ActionState { kPlanned, kInProgress, kDone, kDropped };
std::string_view ActionStateName(ActionState state);
std::optional<ActionState> ParseActionState(std::string_view name);
// Planned or in progress: still to be done.
bool IsOpen(ActionState state);

struct PlanAction {
    std::int64_t id = 0;  // 0: new in this revision
    std::string title;
    Owner owner = Owner::kHer;
    std::int64_t owner_user_id = 0;          // a worker of her team, for Owner::kWorker
    std::int64_t owner_organization_id = 0;  // a partner organization, for Owner::kPartner
    std::string owner_name;                  // read only: the worker's or the organization's name
    std::string due_on;                      // YYYY-MM-DD
    ActionState state = ActionState::kPlanned;
    std::int64_t done_at = 0;  // read only: when it was last marked done
};

struct Goal {
    std::int64_t id = 0;  // 0: new in this revision
    std::string domain;   // one of kDomains (assessments/model.hpp)
    std::string statement;
    std::string target;               // how she and her worker will know it is reached
    std::optional<int> target_score;  // the assessment score she aims at in the domain (1-5)
    std::vector<PlanAction> actions;
};

struct Plan {
    std::int64_t case_id = 0;
    // 1 before the plan is first agreed (nothing recorded); each revision adds one.
    std::int64_t version = 1;
    bool recorded = false;
    std::string agreed_on;             // YYYY-MM-DD: when it was first agreed with her
    std::vector<std::string> reviews;  // YYYY-MM-DD: the days it is to be reviewed, in order
    std::vector<Goal> goals;
    std::int64_t updated_by = 0;
    std::string updated_by_name;  // read only
    std::int64_t updated_at = 0;
};

inline constexpr std::size_t kMaxGoals = 20;
inline constexpr std::size_t kMaxActionsPerGoal = 20;

// Why `plan` cannot be agreed on a case in `state`, as a field (a JSON pointer's path in the
// request, "goals.1.actions.0.due_on") and its code: "state": "closed" (a closed case is reopened
// first) or "not_open" (a referral not yet accepted); "agreed_on" / "reviews.i" / "...due_on":
// "format" for a day that does not exist; "reviews.i" and "...due_on": "before_start" for a day
// before the plan was agreed; "reviews": "duplicate"; "...owner_user_id" / "...owner_organization_id":
// "required" for an owner that needs one. Nullopt when it can. What the schema says (known domains
// and states, lengths, scores in 1..5) is the request's schema's.
std::optional<Refusal> RefusedPlan(State state, const Plan& plan);

// What changed from `before` to `after`, as entries {"what", "domain", "title"?, ...}: "goal_added",
// "goal_removed", "goal_changed", "action_added", "action_removed", "action_changed" (with the
// fields that changed among "title", "owner", "due_on", "state"), "reviews_changed". Goals and
// actions are matched by id. Empty for a plan first agreed: it is all new.
boost::json::array ChangesBetween(const Plan& before, const Plan& after);

// The plan as JSON: the API's form, and the sealed content of a version.
boost::json::object ToJson(const Plan& plan);
// Back from JSON the module wrote (a version's content) or the route's schema checked.
Plan PlanFrom(const boost::json::object& json);

}  // namespace ponte::cases

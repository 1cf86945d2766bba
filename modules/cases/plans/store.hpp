// The storage of personalized projects: the plan of a case, its goals and actions (what they say
// sealed, bound to the case), and its versions. Functions on a connection, within the caller's
// transaction.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/crypto/keyring.hpp"
#include "core/db/database.hpp"
#include "modules/cases/plans/model.hpp"

namespace ponte::cases {

// The sealing context of `column` of `table` (cases_plan_goals, cases_plan_actions,
// cases_plan_versions) for the case's plan.
std::string PlanContext(std::string_view table, std::string_view column, std::int64_t case_id);

// The case's plan, goals and actions in their order, with the names of their owners; a plan
// never agreed reads as version 1, not recorded, with nothing in it.
Plan ReadPlan(db::Connection& connection, const crypto::Keyring& keyring, std::int64_t case_id);

// Writes `plan` as the version after `current` (ReadPlan's), when the stored plan is still at
// current.version: goals and actions with the id of one of `current` are kept and changed, those
// with id 0 are added (their ids are set in `plan`), the others of `current` are removed. False,
// with nothing written, when the plan was changed meanwhile.
bool WritePlan(db::Connection& connection, const crypto::Keyring& keyring, const Plan& current, Plan& plan,
               std::int64_t by_user_id, std::int64_t now_ms);

// Keeps the plan at `version` (its ToJson) with what changed from the version before.
void InsertPlanVersion(db::Connection& connection, const crypto::Keyring& keyring, std::int64_t case_id,
                       std::int64_t version, const boost::json::object& content, const boost::json::array& changes,
                       std::int64_t by_user_id, std::int64_t now_ms);

struct PlanVersion {
    std::int64_t version = 0;
    std::int64_t at = 0;
    std::int64_t by_user_id = 0;
    std::string by_name;
    boost::json::array changes;
    Plan plan;  // as it was at that version
};
// The plan's versions, newest first.
std::vector<PlanVersion> PlanVersions(db::Connection& connection, const crypto::Keyring& keyring, std::int64_t case_id);

// An action of a plan, as found by its id alone (for the routes that name it).
struct ActionOfPlan {
    std::int64_t id = 0;
    std::int64_t case_id = 0;
};
std::optional<ActionOfPlan> FindPlanAction(db::Connection& connection, std::int64_t action_id);

}  // namespace ponte::cases

#include "modules/cases/plans/store.hpp"

#include <boost/json.hpp>
#include <map>
#include <set>

namespace ponte::cases {
namespace {

constexpr std::string_view kSelectPlan =
    "SELECT p.version, p.agreed_on, p.reviews, COALESCE(p.updated_by, 0), COALESCE(u.display_name, ''), "
    "p.updated_at FROM cases_plans p LEFT JOIN accounts_users u ON u.id = p.updated_by WHERE p.case_id = $1";
constexpr std::string_view kSelectGoals =
    "SELECT id, domain, statement, target, target_score FROM cases_plan_goals WHERE case_id = $1 ORDER BY position";
constexpr std::string_view kSelectActions =
    "SELECT a.id, a.goal_id, a.title, a.owner_kind, COALESCE(a.owner_user_id, 0), "
    "COALESCE(a.owner_organization_id, 0), COALESCE(u.display_name, o.name, ''), a.due_on, a.state, "
    "COALESCE(a.done_at, 0) FROM cases_plan_actions a LEFT JOIN accounts_users u ON u.id = a.owner_user_id "
    "LEFT JOIN tenancy_organizations o ON o.id = a.owner_organization_id WHERE a.case_id = $1 "
    "ORDER BY a.position";
constexpr std::string_view kInsertPlan =
    "INSERT INTO cases_plans (case_id, version, agreed_on, reviews, updated_by, created_at, updated_at) "
    "VALUES ($1, 2, $2, $3, $4, $5, $5) ON CONFLICT (case_id) DO NOTHING";
constexpr std::string_view kUpdatePlan =
    "UPDATE cases_plans SET version = version + 1, agreed_on = $3, reviews = $4, updated_by = $5, updated_at = $6 "
    "WHERE case_id = $1 AND version = $2";
constexpr std::string_view kInsertGoal =
    "INSERT INTO cases_plan_goals (case_id, position, domain, statement, target, target_score) "
    "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
constexpr std::string_view kUpdateGoal =
    "UPDATE cases_plan_goals SET position = $3, domain = $4, statement = $5, target = $6, target_score = $7 "
    "WHERE id = $1 AND case_id = $2";
constexpr std::string_view kDeleteGoal = "DELETE FROM cases_plan_goals WHERE id = $1 AND case_id = $2";
constexpr std::string_view kInsertAction =
    "INSERT INTO cases_plan_actions (case_id, goal_id, position, title, owner_kind, owner_user_id, "
    "owner_organization_id, due_on, state, done_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id";
constexpr std::string_view kUpdateAction =
    "UPDATE cases_plan_actions SET goal_id = $3, position = $4, title = $5, owner_kind = $6, owner_user_id = $7, "
    "owner_organization_id = $8, due_on = $9, state = $10, done_at = $11 WHERE id = $1 AND case_id = $2";
constexpr std::string_view kDeleteAction = "DELETE FROM cases_plan_actions WHERE id = $1 AND case_id = $2";
constexpr std::string_view kInsertVersion =
    "INSERT INTO cases_plan_versions (case_id, version, content, changes, by_user_id, at) "
    "VALUES ($1, $2, $3, $4, $5, $6)";
constexpr std::string_view kSelectVersions =
    "SELECT v.version, v.at, COALESCE(v.by_user_id, 0), COALESCE(u.display_name, ''), v.changes, v.content "
    "FROM cases_plan_versions v LEFT JOIN accounts_users u ON u.id = v.by_user_id WHERE v.case_id = $1 "
    "ORDER BY v.version DESC";
constexpr std::string_view kSelectAction = "SELECT id, case_id FROM cases_plan_actions WHERE id = $1";

std::string ReviewsJson(const Plan& plan) {
    boost::json::array reviews;
    for (const auto& review : plan.reviews) reviews.emplace_back(review);
    return boost::json::serialize(reviews);
}

// When an action is done: kept from before when it was done already, now when it is done now.
std::int64_t DoneAt(const PlanAction& action, const std::map<std::int64_t, const PlanAction*>& before,
                    std::int64_t now_ms) {
    if (action.state != ActionState::kDone) return 0;
    const auto was = before.find(action.id);
    if (was != before.end() && was->second->state == ActionState::kDone) return was->second->done_at;
    return now_ms;
}

}  // namespace

std::string PlanContext(std::string_view table, std::string_view column, std::int64_t case_id) {
    return crypto::FieldContext(table, column, case_id);
}

Plan ReadPlan(db::Connection& connection, const crypto::Keyring& keyring, std::int64_t case_id) {
    Plan plan{.case_id = case_id};
    auto rows = connection.Execute(kSelectPlan, {case_id});
    if (rows.empty()) return plan;
    plan.recorded = true;
    plan.version = rows.Int(0, 0);
    plan.agreed_on = rows.Text(0, 1);
    const boost::json::value reviews = boost::json::parse(rows.Text(0, 2));
    for (const auto& review : reviews.as_array()) plan.reviews.emplace_back(review.as_string());
    plan.updated_by = rows.Int(0, 3);
    plan.updated_by_name = rows.Text(0, 4);
    plan.updated_at = rows.Int(0, 5);
    const std::string statement = PlanContext("cases_plan_goals", "statement", case_id);
    const std::string target = PlanContext("cases_plan_goals", "target", case_id);
    auto goals = connection.Execute(kSelectGoals, {case_id});
    std::map<std::int64_t, std::size_t> index;
    for (std::size_t row = 0; row < goals.size(); ++row) {
        Goal goal{.id = goals.Int(row, 0),
                  .domain = goals.Text(row, 1),
                  .statement = keyring.Open(goals.Text(row, 2), statement),
                  .target = keyring.Open(goals.Text(row, 3), target)};
        if (!goals.IsNull(row, 4)) goal.target_score = static_cast<int>(goals.Int(row, 4));
        index[goal.id] = plan.goals.size();
        plan.goals.push_back(std::move(goal));
    }
    const std::string title = PlanContext("cases_plan_actions", "title", case_id);
    auto actions = connection.Execute(kSelectActions, {case_id});
    for (std::size_t row = 0; row < actions.size(); ++row) {
        const auto goal = index.find(actions.Int(row, 1));
        if (goal == index.end()) continue;
        plan.goals[goal->second].actions.push_back(
            {.id = actions.Int(row, 0),
             .title = keyring.Open(actions.Text(row, 2), title),
             .owner = ParseOwner(actions.Text(row, 3)).value_or(Owner::kHer),
             .owner_user_id = actions.Int(row, 4),
             .owner_organization_id = actions.Int(row, 5),
             .owner_name = actions.Text(row, 6),
             .due_on = actions.Text(row, 7),
             .state = ParseActionState(actions.Text(row, 8)).value_or(ActionState::kPlanned),
             .done_at = actions.Int(row, 9)});
    }
    return plan;
}

bool WritePlan(db::Connection& connection, const crypto::Keyring& keyring, const Plan& current, Plan& plan,
               std::int64_t by_user_id, std::int64_t now_ms) {
    const std::int64_t case_id = current.case_id;
    const bool written = current.recorded
                             ? connection
                                       .Execute(kUpdatePlan, {case_id, current.version, plan.agreed_on,
                                                              ReviewsJson(plan), db::NullIfZero(by_user_id), now_ms})
                                       .affected_rows > 0
                             : connection
                                       .Execute(kInsertPlan, {case_id, plan.agreed_on, ReviewsJson(plan),
                                                              db::NullIfZero(by_user_id), now_ms})
                                       .affected_rows > 0;
    if (!written) return false;
    std::map<std::int64_t, const PlanAction*> actions_before;
    std::set<std::int64_t> goals_before;
    for (const auto& goal : current.goals) {
        goals_before.insert(goal.id);
        for (const auto& action : goal.actions) actions_before[action.id] = &action;
    }
    std::set<std::int64_t> goals_kept;
    std::set<std::int64_t> actions_kept;
    const std::string statement = PlanContext("cases_plan_goals", "statement", case_id);
    const std::string target = PlanContext("cases_plan_goals", "target", case_id);
    const std::string title = PlanContext("cases_plan_actions", "title", case_id);
    // Removed first: an action moved to another goal is kept, and its old goal may go.
    for (const auto& goal : plan.goals) {
        for (const auto& action : goal.actions) actions_kept.insert(action.id);
        goals_kept.insert(goal.id);
    }
    for (const auto& [id, action] : actions_before) {
        if (!actions_kept.contains(id)) connection.Execute(kDeleteAction, {id, case_id});
    }
    // Actions of a goal that goes are deleted with it unless moved: they are moved before.
    std::int64_t position = 0;
    for (std::size_t g = 0; g < plan.goals.size(); ++g) {
        Goal& goal = plan.goals[g];
        const db::Value score = goal.target_score ? db::Value{std::int64_t{*goal.target_score}} : db::Value{nullptr};
        const std::string sealed_statement = keyring.Seal(goal.statement, statement);
        const std::string sealed_target = keyring.Seal(goal.target, target);
        if (goal.id != 0 && goals_before.contains(goal.id)) {
            connection.Execute(kUpdateGoal, {goal.id, case_id, static_cast<std::int64_t>(g), goal.domain,
                                             sealed_statement, sealed_target, score});
        } else {
            goal.id = connection
                          .Execute(kInsertGoal, {case_id, static_cast<std::int64_t>(g), goal.domain, sealed_statement,
                                                 sealed_target, score})
                          .Int(0, 0);
        }
        for (auto& action : goal.actions) {
            action.done_at = DoneAt(action, actions_before, now_ms);
            const std::vector<db::Value> values = {goal.id,
                                                   position++,
                                                   keyring.Seal(action.title, title),
                                                   std::string(OwnerName(action.owner)),
                                                   db::NullIfZero(action.owner_user_id),
                                                   db::NullIfZero(action.owner_organization_id),
                                                   action.due_on,
                                                   std::string(ActionStateName(action.state)),
                                                   db::NullIfZero(action.done_at)};
            if (action.id != 0 && actions_before.contains(action.id)) {
                std::vector<db::Value> params = {action.id, case_id};
                params.insert(params.end(), values.begin(), values.end());
                connection.Execute(kUpdateAction, params);
            } else {
                std::vector<db::Value> params = {case_id};
                params.insert(params.end(), values.begin(), values.end());
                action.id = connection.Execute(kInsertAction, params).Int(0, 0);
            }
        }
    }
    for (const std::int64_t id : goals_before) {
        if (!goals_kept.contains(id)) connection.Execute(kDeleteGoal, {id, case_id});
    }
    return true;
}

void InsertPlanVersion(db::Connection& connection, const crypto::Keyring& keyring, std::int64_t case_id,
                       std::int64_t version, const boost::json::object& content, const boost::json::array& changes,
                       std::int64_t by_user_id, std::int64_t now_ms) {
    connection.Execute(
        kInsertVersion,
        {case_id, version,
         keyring.Seal(boost::json::serialize(content), PlanContext("cases_plan_versions", "content", case_id)),
         keyring.Seal(boost::json::serialize(changes), PlanContext("cases_plan_versions", "changes", case_id)),
         db::NullIfZero(by_user_id), now_ms});
}

std::vector<PlanVersion> PlanVersions(db::Connection& connection, const crypto::Keyring& keyring,
                                      std::int64_t case_id) {
    const std::string changes_context = PlanContext("cases_plan_versions", "changes", case_id);
    const std::string content_context = PlanContext("cases_plan_versions", "content", case_id);
    auto rows = connection.Execute(kSelectVersions, {case_id});
    std::vector<PlanVersion> out;
    for (std::size_t row = 0; row < rows.size(); ++row) {
        boost::json::value changes = boost::json::parse(keyring.Open(rows.Text(row, 4), changes_context));
        const boost::json::value content = boost::json::parse(keyring.Open(rows.Text(row, 5), content_context));
        out.push_back({.version = rows.Int(row, 0),
                       .at = rows.Int(row, 1),
                       .by_user_id = rows.Int(row, 2),
                       .by_name = rows.Text(row, 3),
                       .changes = std::move(changes.as_array()),
                       .plan = PlanFrom(content.as_object())});
    }
    return out;
}

std::optional<ActionOfPlan> FindPlanAction(db::Connection& connection, std::int64_t action_id) {
    auto rows = connection.Execute(kSelectAction, {action_id});
    if (rows.empty()) return std::nullopt;
    return ActionOfPlan{.id = rows.Int(0, 0), .case_id = rows.Int(0, 1)};
}

}  // namespace ponte::cases

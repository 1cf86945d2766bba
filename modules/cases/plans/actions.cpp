#include "modules/cases/plans/actions.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <set>

#include "core/feature.hpp"
#include "core/pdf/render.hpp"
#include "core/version.hpp"
#include "modules/cases/plans/pdf.hpp"

namespace ponte::cases {
namespace {

// The field and code of the first id or owner in `asked` that this plan and her team do not know.
std::optional<Refusal> RefusedReferences(db::Connection& connection, const Plan& current, const Plan& asked,
                                         const Reached& reached) {
    std::set<std::int64_t> goals;
    std::set<std::int64_t> actions;
    for (const auto& goal : current.goals) {
        goals.insert(goal.id);
        for (const auto& action : goal.actions) actions.insert(action.id);
    }
    std::set<std::int64_t> seen_goals;
    std::set<std::int64_t> seen_actions;
    for (std::size_t g = 0; g < asked.goals.size(); ++g) {
        const Goal& goal = asked.goals[g];
        const std::string at = "goals." + std::to_string(g) + ".";
        if (goal.id != 0 && !goals.contains(goal.id)) return Refusal{at + "id", "not_found"};
        if (goal.id != 0 && !seen_goals.insert(goal.id).second) return Refusal{at + "id", "duplicate"};
        for (std::size_t a = 0; a < goal.actions.size(); ++a) {
            const PlanAction& action = goal.actions[a];
            const std::string field = at + "actions." + std::to_string(a) + ".";
            if (action.id != 0 && !actions.contains(action.id)) return Refusal{field + "id", "not_found"};
            if (action.id != 0 && !seen_actions.insert(action.id).second) return Refusal{field + "id", "duplicate"};
            // A worker takes an action of her plan from her team; a partner shares a network with
            // her organization. Anyone else is answered as one who does not exist.
            if (action.owner == Owner::kWorker &&
                std::none_of(reached.team.begin(), reached.team.end(),
                             [&](const TeamMember& member) { return member.user_id == action.owner_user_id; })) {
                return Refusal{field + "owner_user_id", "not_found"};
            }
            if (action.owner == Owner::kPartner &&
                !InOneNetwork(connection, reached.record.organization_id, action.owner_organization_id)) {
                return Refusal{field + "owner_organization_id", "not_found"};
            }
        }
    }
    return std::nullopt;
}

// Writes `asked` as the plan's next version, with its timeline event (its `detail`, to which the
// version and the count of changes are added) and its kept version; nullopt when the plan moved on
// meanwhile.
std::optional<Plan> WriteVersion(const Module& module, std::int64_t by_user_id, db::Connection& connection,
                                 const Plan& current, Plan& asked, std::string_view event,
                                 boost::json::object& detail) {
    const std::int64_t now = core::NowMs();
    if (!WritePlan(connection, module.keyring(), current, asked, by_user_id, now)) return std::nullopt;
    Plan written = ReadPlan(connection, module.keyring(), current.case_id);
    const boost::json::array changes = ChangesBetween(current, written);
    InsertPlanVersion(connection, module.keyring(), current.case_id, written.version, ToJson(written), changes,
                      by_user_id, now);
    detail["version"] = written.version;
    detail["changes"] = changes.size();
    AppendEvent(connection, module.keyring(), current.case_id,
                {.kind = std::string(event), .by_user_id = by_user_id, .at = now, .detail = detail});
    return written;
}

// As WriteVersion, and appends the request's audit entry.
std::optional<Plan> Write(const Module& module, const policy::Principal& caller, audit::Entry& request,
                          db::Connection& connection, const Plan& current, Plan asked, std::string_view event) {
    boost::json::object detail;
    auto written = WriteVersion(module, caller.user_id, connection, current, asked, event, detail);
    if (!written) return std::nullopt;
    request.outcome = "ok";
    request.detail = boost::json::serialize(detail);
    audit::Append(connection, request, core::NowMs());
    return written;
}

}  // namespace

Plan ReadCasePlan(const Module& module, audit::Entry request, const Reached& reached) {
    Plan plan = ReadPlan(*module.database().Acquire(), module.keyring(), reached.record.id);
    request.outcome = "ok";
    request.detail = boost::json::serialize(boost::json::object{{"version", plan.version}});
    audit::Record(module.database(), request, core::NowMs());
    return plan;
}

core::Outcome<Plan> RevisePlan(const Module& module, const policy::Principal& caller, audit::Entry request,
                               const Reached& reached, std::int64_t expected_version, Plan asked) {
    if (auto refused = RefusedPlan(reached.record.state, asked)) {
        return RefuseAudited(module, request, refused->field, refused->code);
    }
    asked.case_id = reached.record.id;
    std::optional<Plan> written;
    std::optional<Refusal> refused;
    module.database().Transact([&](db::Connection& connection) {
        const Plan current = ReadPlan(connection, module.keyring(), reached.record.id);
        if (current.version != expected_version) return;
        refused = RefusedReferences(connection, current, asked, reached);
        if (refused) return;
        written = Write(module, caller, request, connection, current, std::move(asked),
                        current.recorded ? "plan_revised" : "plan_agreed");
    });
    if (refused) return RefuseAudited(module, request, refused->field, refused->code);
    if (!written) return core::StaleVersion();
    return *written;
}

std::variant<std::int64_t, Refusal> AddDecidedAction(const Module& module, std::int64_t by_user_id,
                                                     db::Connection& connection, const Reached& reached,
                                                     std::int64_t goal_id, const PlanAction& action,
                                                     boost::json::object detail) {
    const Plan current = ReadPlan(connection, module.keyring(), reached.record.id);
    Plan asked = current;
    const auto goal = std::find_if(asked.goals.begin(), asked.goals.end(),
                                   [&](const Goal& candidate) { return candidate.id == goal_id; });
    if (!current.recorded || goal == asked.goals.end()) return Refusal{"goal_id", "not_found"};
    goal->actions.push_back(action);
    goal->actions.back().id = 0;
    // The refusals name the new action as RevisePlan's would; here its fields stand alone.
    const std::string prefix = "goals." + std::to_string(goal - asked.goals.begin()) + ".actions." +
                               std::to_string(goal->actions.size() - 1) + ".";
    auto refused = RefusedPlan(reached.record.state, asked);
    if (!refused) refused = RefusedReferences(connection, current, asked, reached);
    if (refused) {
        if (refused->field.starts_with(prefix)) refused->field.erase(0, prefix.size());
        return *refused;
    }
    // Read in this transaction, the plan cannot have moved on: the new action's id is set in `asked`.
    if (!WriteVersion(module, by_user_id, connection, current, asked, "plan_action_decided", detail)) {
        return Refusal{"plan", "stale"};
    }
    return goal->actions.back().id;
}

std::vector<PlanVersion> ReadPlanVersions(const Module& module, audit::Entry request, const Reached& reached) {
    auto versions = PlanVersions(*module.database().Acquire(), module.keyring(), reached.record.id);
    request.outcome = "ok";
    audit::Record(module.database(), request, core::NowMs());
    return versions;
}

core::Outcome<ReachedAction> ReachPlanAction(const Module& module, const policy::Principal& caller,
                                             audit::Entry& request, std::string_view action, std::int64_t action_id) {
    std::optional<ActionOfPlan> found;
    if (action_id > 0) found = FindPlanAction(*module.database().Acquire(), action_id);
    // A missing action is answered as a missing case, audited alike.
    auto reached = ReachCase(module, caller, request, action, found ? found->case_id : 0);
    if (!reached) return std::move(reached.failure());
    return ReachedAction{.action_id = found->id, .reached = std::move(*reached)};
}

core::Outcome<Plan> SetActionState(const Module& module, const policy::Principal& caller, audit::Entry request,
                                   const ReachedAction& reached, std::int64_t expected_version, ActionState state) {
    if (reached.reached.record.state == State::kClosed) return RefuseAudited(module, request, "state", "closed");
    std::optional<Plan> written;
    module.database().Transact([&](db::Connection& connection) {
        const Plan current = ReadPlan(connection, module.keyring(), reached.reached.record.id);
        if (expected_version != 0 && current.version != expected_version) return;
        Plan asked = current;
        for (auto& goal : asked.goals) {
            for (auto& action : goal.actions) {
                if (action.id == reached.action_id) action.state = state;
            }
        }
        written = Write(module, caller, request, connection, current, std::move(asked), "plan_action");
    });
    if (!written) return core::StaleVersion();
    return *written;
}

std::string PlanPdf(const Module& module, audit::Entry request, const Reached& reached,
                    const std::vector<std::string>& locales) {
    const Plan plan = ReadPlan(*module.database().Acquire(), module.keyring(), reached.record.id);
    request.outcome = "ok";
    request.detail = boost::json::serialize(boost::json::object{{"version", plan.version}, {"format", "pdf"}});
    audit::Record(module.database(), request, core::NowMs());
    return pdf::Render(PlanDocument(plan, reached.record, locales));
}

}  // namespace ponte::cases

#include "modules/cases/plans/model.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "core/i18n/local_time.hpp"

namespace ponte::cases {
namespace {

constexpr std::string_view kOwnerNames[] = {"her", "worker", "partner"};
constexpr std::string_view kActionStateNames[] = {"planned", "in_progress", "done", "dropped"};

template <class Enum, std::size_t N>
std::optional<Enum> Parse(const std::string_view (&names)[N], std::string_view name) {
    const auto found = std::find(std::begin(names), std::end(names), name);
    if (found == std::end(names)) return std::nullopt;
    return static_cast<Enum>(found - std::begin(names));
}

std::string Path(std::size_t goal, std::size_t action, std::string_view field) {
    return "goals." + std::to_string(goal) + ".actions." + std::to_string(action) + "." + std::string(field);
}

std::int64_t IntOr(const boost::json::object& json, std::string_view key, std::int64_t otherwise) {
    const auto* value = json.if_contains(key);
    return value != nullptr && value->is_int64() ? value->as_int64() : otherwise;
}

std::string TextOr(const boost::json::object& json, std::string_view key) {
    const auto* value = json.if_contains(key);
    return value != nullptr && value->is_string() ? std::string(value->as_string()) : std::string();
}

boost::json::object ActionJson(const PlanAction& action) {
    return {{"id", action.id},
            {"title", action.title},
            {"owner", OwnerName(action.owner)},
            {"owner_user_id", action.owner_user_id == 0 ? boost::json::value(nullptr) : action.owner_user_id},
            {"owner_organization_id",
             action.owner_organization_id == 0 ? boost::json::value(nullptr) : action.owner_organization_id},
            {"owner_name", action.owner_name},
            {"due_on", action.due_on},
            {"state", ActionStateName(action.state)},
            {"done_at", action.done_at == 0 ? boost::json::value(nullptr) : action.done_at}};
}

PlanAction ActionFrom(const boost::json::object& json) {
    return {.id = IntOr(json, "id", 0),
            .title = TextOr(json, "title"),
            .owner = ParseOwner(TextOr(json, "owner")).value_or(Owner::kHer),
            .owner_user_id = IntOr(json, "owner_user_id", 0),
            .owner_organization_id = IntOr(json, "owner_organization_id", 0),
            .owner_name = TextOr(json, "owner_name"),
            .due_on = TextOr(json, "due_on"),
            .state = ParseActionState(TextOr(json, "state")).value_or(ActionState::kPlanned),
            .done_at = IntOr(json, "done_at", 0)};
}

}  // namespace

std::string_view OwnerName(Owner owner) { return kOwnerNames[static_cast<int>(owner)]; }
std::optional<Owner> ParseOwner(std::string_view name) { return Parse<Owner>(kOwnerNames, name); }
std::string_view ActionStateName(ActionState state) { return kActionStateNames[static_cast<int>(state)]; }
std::optional<ActionState> ParseActionState(std::string_view name) {
    return Parse<ActionState>(kActionStateNames, name);
}
bool IsOpen(ActionState state) { return state == ActionState::kPlanned || state == ActionState::kInProgress; }

std::optional<Refusal> RefusedPlan(State state, const Plan& plan) {
    if (state == State::kClosed) return Refusal{"state", "closed"};
    if (state == State::kReferred) return Refusal{"state", "not_open"};
    if (!i18n::ParseIsoDate(plan.agreed_on)) return Refusal{"agreed_on", "format"};
    // Days in YYYY-MM-DD compare as text.
    std::set<std::string_view> reviews;
    for (std::size_t i = 0; i < plan.reviews.size(); ++i) {
        const std::string field = "reviews." + std::to_string(i);
        if (!i18n::ParseIsoDate(plan.reviews[i])) return Refusal{field, "format"};
        if (plan.reviews[i] < plan.agreed_on) return Refusal{field, "before_start"};
        if (!reviews.insert(plan.reviews[i]).second) return Refusal{field, "duplicate"};
    }
    for (std::size_t g = 0; g < plan.goals.size(); ++g) {
        const auto& actions = plan.goals[g].actions;
        for (std::size_t a = 0; a < actions.size(); ++a) {
            const PlanAction& action = actions[a];
            if (!i18n::ParseIsoDate(action.due_on)) return Refusal{Path(g, a, "due_on"), "format"};
            if (action.due_on < plan.agreed_on) return Refusal{Path(g, a, "due_on"), "before_start"};
            if (action.owner == Owner::kWorker && action.owner_user_id == 0) {
                return Refusal{Path(g, a, "owner_user_id"), "required"};
            }
            if (action.owner == Owner::kPartner && action.owner_organization_id == 0) {
                return Refusal{Path(g, a, "owner_organization_id"), "required"};
            }
        }
    }
    return std::nullopt;
}

boost::json::array ChangesBetween(const Plan& before, const Plan& after) {
    boost::json::array changes;
    if (!before.recorded) return changes;
    std::map<std::int64_t, const Goal*> old_goals;
    std::map<std::int64_t, std::pair<const Goal*, const PlanAction*>> old_actions;
    for (const auto& goal : before.goals) {
        old_goals[goal.id] = &goal;
        for (const auto& action : goal.actions) old_actions[action.id] = {&goal, &action};
    }
    std::set<std::int64_t> kept_goals;
    std::set<std::int64_t> kept_actions;
    for (const auto& goal : after.goals) {
        const auto old = old_goals.find(goal.id);
        if (old == old_goals.end()) {
            changes.push_back({{"what", "goal_added"}, {"domain", goal.domain}, {"statement", goal.statement}});
        } else {
            kept_goals.insert(goal.id);
            const Goal& was = *old->second;
            if (was.domain != goal.domain || was.statement != goal.statement || was.target != goal.target ||
                was.target_score != goal.target_score) {
                changes.push_back({{"what", "goal_changed"}, {"domain", goal.domain}, {"statement", goal.statement}});
            }
        }
        for (const auto& action : goal.actions) {
            const auto found = old_actions.find(action.id);
            if (found == old_actions.end()) {
                changes.push_back({{"what", "action_added"}, {"domain", goal.domain}, {"title", action.title}});
                continue;
            }
            kept_actions.insert(action.id);
            const PlanAction& was = *found->second.second;
            boost::json::array fields;
            if (was.title != action.title) fields.emplace_back("title");
            if (was.owner != action.owner || was.owner_user_id != action.owner_user_id ||
                was.owner_organization_id != action.owner_organization_id) {
                fields.emplace_back("owner");
            }
            if (was.due_on != action.due_on) fields.emplace_back("due_on");
            if (was.state != action.state) fields.emplace_back("state");
            if (!fields.empty()) {
                changes.push_back({{"what", "action_changed"},
                                   {"domain", goal.domain},
                                   {"title", action.title},
                                   {"fields", std::move(fields)},
                                   {"state", ActionStateName(action.state)},
                                   {"due_on", action.due_on}});
            }
        }
    }
    for (const auto& goal : before.goals) {
        if (!kept_goals.contains(goal.id)) {
            changes.push_back({{"what", "goal_removed"}, {"domain", goal.domain}, {"statement", goal.statement}});
        }
        for (const auto& action : goal.actions) {
            if (!kept_actions.contains(action.id)) {
                changes.push_back({{"what", "action_removed"}, {"domain", goal.domain}, {"title", action.title}});
            }
        }
    }
    if (before.reviews != after.reviews) changes.push_back(boost::json::object{{"what", "reviews_changed"}});
    return changes;
}

boost::json::object ToJson(const Plan& plan) {
    boost::json::array goals;
    for (const auto& goal : plan.goals) {
        boost::json::array actions;
        for (const auto& action : goal.actions) actions.push_back(ActionJson(action));
        goals.push_back({{"id", goal.id},
                         {"domain", goal.domain},
                         {"statement", goal.statement},
                         {"target", goal.target},
                         {"target_score", goal.target_score ? boost::json::value(*goal.target_score) : nullptr},
                         {"actions", std::move(actions)}});
    }
    boost::json::array reviews;
    for (const auto& review : plan.reviews) reviews.emplace_back(review);
    return {{"case_id", plan.case_id},
            {"version", plan.version},
            {"recorded", plan.recorded},
            {"agreed_on", plan.agreed_on.empty() ? boost::json::value(nullptr) : boost::json::value(plan.agreed_on)},
            {"reviews", std::move(reviews)},
            {"goals", std::move(goals)},
            {"updated_by", plan.updated_by == 0 ? boost::json::value(nullptr) : plan.updated_by},
            {"updated_by_name", plan.updated_by_name},
            {"updated_at", plan.updated_at == 0 ? boost::json::value(nullptr) : plan.updated_at}};
}

Plan PlanFrom(const boost::json::object& json) {
    Plan plan{.case_id = IntOr(json, "case_id", 0),
              .version = IntOr(json, "version", 1),
              .recorded = json.contains("recorded") && json.at("recorded").is_bool() && json.at("recorded").as_bool(),
              .agreed_on = TextOr(json, "agreed_on"),
              .updated_by = IntOr(json, "updated_by", 0),
              .updated_by_name = TextOr(json, "updated_by_name"),
              .updated_at = IntOr(json, "updated_at", 0)};
    if (const auto* reviews = json.if_contains("reviews"); reviews != nullptr && reviews->is_array()) {
        for (const auto& review : reviews->as_array()) {
            if (review.is_string()) plan.reviews.emplace_back(review.as_string());
        }
    }
    const auto* goals = json.if_contains("goals");
    if (goals == nullptr || !goals->is_array()) return plan;
    for (const auto& value : goals->as_array()) {
        if (!value.is_object()) continue;
        const auto& object = value.as_object();
        Goal goal{.id = IntOr(object, "id", 0),
                  .domain = TextOr(object, "domain"),
                  .statement = TextOr(object, "statement"),
                  .target = TextOr(object, "target")};
        if (const auto* score = object.if_contains("target_score"); score != nullptr && score->is_int64()) {
            goal.target_score = static_cast<int>(score->as_int64());
        }
        if (const auto* actions = object.if_contains("actions"); actions != nullptr && actions->is_array()) {
            for (const auto& action : actions->as_array()) {
                if (action.is_object()) goal.actions.push_back(ActionFrom(action.as_object()));
            }
        }
        plan.goals.push_back(std::move(goal));
    }
    return plan;
}

}  // namespace ponte::cases

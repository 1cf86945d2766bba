// The rules of a plan: days that exist and do not come before it was agreed, owners that are
// named; and what changed between two versions.
#include "modules/cases/plans/model.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace ponte::cases {
namespace {

Plan WithAction(PlanAction action) {
    return {.agreed_on = "2027-01-10",
            .goals = {{.id = 1, .domain = "work", .statement = "A job", .target = "", .actions = {std::move(action)}}}};
}

std::string Refused(State state, const Plan& plan) {
    const auto refusal = RefusedPlan(state, plan);
    return refusal ? refusal->field + ":" + refusal->code : "";
}

TEST(PlanModelTest, RefusedPlan_NamesTheFieldAndRule) {
    EXPECT_EQ(Refused(State::kActive, WithAction({.title = "CV", .due_on = "2027-01-10"})), "");
    EXPECT_EQ(Refused(State::kIntake, WithAction({.title = "CV", .due_on = "2027-01-09"})),
              "goals.0.actions.0.due_on:before_start");
    EXPECT_EQ(Refused(State::kActive, WithAction({.title = "CV", .due_on = "2027-02-29"})),
              "goals.0.actions.0.due_on:format");
    EXPECT_EQ(Refused(State::kActive, WithAction({.title = "CV", .owner = Owner::kPartner, .due_on = "2027-02-01"})),
              "goals.0.actions.0.owner_organization_id:required");
    EXPECT_EQ(Refused(State::kClosed, WithAction({.title = "CV", .due_on = "2027-02-01"})), "state:closed");
    EXPECT_EQ(Refused(State::kReferred, WithAction({.title = "CV", .due_on = "2027-02-01"})), "state:not_open");
    Plan reviews{.agreed_on = "2027-01-10", .reviews = {"2027-03-01", "2027-01-01"}};
    EXPECT_EQ(Refused(State::kActive, reviews), "reviews.1:before_start");
}

TEST(PlanModelTest, ChangesBetween_MatchesByIdAndNamesWhatChanged) {
    Plan before = WithAction({.id = 7, .title = "CV", .due_on = "2027-02-01"});
    before.recorded = true;
    EXPECT_TRUE(ChangesBetween(Plan{}, before).empty()) << "a plan first agreed is all new";
    Plan after = before;
    after.goals[0].actions[0].state = ActionState::kDone;
    after.goals[0].actions[0].due_on = "2027-02-15";
    after.goals.push_back({.domain = "housing", .statement = "A flat", .target = ""});
    const auto changes = ChangesBetween(before, after);
    ASSERT_EQ(changes.size(), 2u) << boost::json::serialize(changes);
    EXPECT_EQ(changes[0].at("what"), "action_changed");
    EXPECT_EQ(boost::json::serialize(changes[0].at("fields")), R"(["due_on","state"])");
    EXPECT_EQ(changes[1].at("what"), "goal_added");
    // Back from its JSON, the plan is the same.
    const Plan read = PlanFrom(ToJson(after));
    EXPECT_EQ(boost::json::serialize(ToJson(read)), boost::json::serialize(ToJson(after)));
}

}  // namespace
}  // namespace ponte::cases

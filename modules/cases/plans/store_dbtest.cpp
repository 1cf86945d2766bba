// The plan tables on both engines: a revision keeps the goals and actions it names by id, adds
// the new ones and removes the others (an action moved to another goal survives its old goal);
// it is written once, at the version it was asked at; its words are sealed; its versions come
// back newest first, each as it was.
#include "modules/cases/plans/store.hpp"

#include <gtest/gtest.h>

#include "core/testing/application.hpp"
#include "core/testing/engine.hpp"
#include "core/testing/identities.hpp"
#include "core/testing/server_process.hpp"
#include "modules/cases/store.hpp"

namespace ponte::cases {
namespace {

class PlanStoreTest : public testing::EngineTest {
  protected:
    void SetUp() override {
        EngineTest::SetUp();
        if (IsSkipped()) return;
        testing::MigrateAll(database());
        world_ = std::make_unique<testing::Identities>(database());
        case_id_ = database().Transact([&](db::Connection& connection) {
            const std::int64_t woman = CreateWoman(connection, world_->own_organization, "Amina", 0, 1);
            return OpenCase(connection, woman, State::kActive, world_->actor(policy::Role::kCaseWorker).user_id, 1);
        });
    }

    Plan Read() { return ReadPlan(*database().Acquire(), keyring_, case_id_); }
    bool Write(const Plan& current, Plan& plan) {
        return database().Transact(
            [&](db::Connection& connection) { return WritePlan(connection, keyring_, current, plan, 0, 1000); });
    }

    const crypto::Keyring& keyring_ = *testing::TestKeyring();
    std::unique_ptr<testing::Identities> world_;
    std::int64_t case_id_ = 0;
};

TEST_P(PlanStoreTest, Revision_KeepsNamedAddsNewRemovesOthers) {
    const Plan none = Read();
    EXPECT_FALSE(none.recorded);
    EXPECT_EQ(none.version, 1);
    Plan first{.agreed_on = "2027-01-10",
               .reviews = {"2027-03-01"},
               .goals = {{.domain = "language",
                          .statement = "Speak Italian",
                          .target = "A2",
                          .target_score = 3,
                          .actions = {{.title = "Course", .due_on = "2027-02-01"},
                                      {.title = "Library card", .due_on = "2027-01-20"}}},
                         {.domain = "work", .statement = "A job as a cook", .target = "A contract"}}};
    ASSERT_TRUE(Write(none, first));
    Plan stored = Read();
    ASSERT_TRUE(stored.recorded);
    EXPECT_EQ(stored.version, 2);
    ASSERT_EQ(stored.goals.size(), 2u);
    EXPECT_EQ(stored.goals[0].statement, "Speak Italian");
    EXPECT_EQ(stored.goals[0].target_score, 3);
    ASSERT_EQ(stored.goals[0].actions.size(), 2u);
    EXPECT_EQ(stored.goals[0].actions[1].title, "Library card");
    EXPECT_EQ(stored.reviews, std::vector<std::string>{"2027-03-01"});

    // The course moves to the work goal, which now comes first; the language goal and the library
    // card go; a new action is added, done at once.
    Plan second = stored;
    PlanAction course = stored.goals[0].actions[0];
    second.goals = {stored.goals[1]};
    second.goals[0].actions = {course, {.title = "Curriculum", .due_on = "2027-01-15", .state = ActionState::kDone}};
    ASSERT_TRUE(Write(stored, second));
    EXPECT_FALSE(Write(stored, second)) << "a revision of version 2 is made once";
    const Plan now = Read();
    EXPECT_EQ(now.version, 3);
    ASSERT_EQ(now.goals.size(), 1u);
    EXPECT_EQ(now.goals[0].domain, "work");
    ASSERT_EQ(now.goals[0].actions.size(), 2u);
    EXPECT_EQ(now.goals[0].actions[0].id, course.id) << "moved, not removed with its old goal";
    EXPECT_EQ(now.goals[0].actions[1].done_at, 1000);
    auto rows = database().Acquire()->Execute(
        "SELECT (SELECT COUNT(*) FROM cases_plan_goals) + (SELECT COUNT(*) FROM cases_plan_actions) + "
        "(SELECT COUNT(*) FROM cases_plan_goals WHERE statement LIKE '%cook%') + "
        "(SELECT COUNT(*) FROM cases_plan_actions WHERE title LIKE '%Curriculum%')");
    EXPECT_EQ(rows.Int(0, 0), 3) << "one goal and two actions, sealed";
}

TEST_P(PlanStoreTest, Versions_NewestFirstEachAsItWas) {
    Plan first{.agreed_on = "2027-01-10", .goals = {{.domain = "housing", .statement = "A flat", .target = "A lease"}}};
    ASSERT_TRUE(Write(Read(), first));
    database().Transact([&](db::Connection& connection) {
        InsertPlanVersion(connection, keyring_, case_id_, 2, ToJson(ReadPlan(connection, keyring_, case_id_)),
                          boost::json::array{}, 0, 1000);
        Plan current = ReadPlan(connection, keyring_, case_id_);
        Plan next = current;
        next.goals[0].statement = "A flat near the school";
        WritePlan(connection, keyring_, current, next, 0, 2000);
        InsertPlanVersion(connection, keyring_, case_id_, 3, ToJson(ReadPlan(connection, keyring_, case_id_)),
                          ChangesBetween(current, ReadPlan(connection, keyring_, case_id_)), 0, 2000);
    });
    const auto versions = PlanVersions(*database().Acquire(), keyring_, case_id_);
    ASSERT_EQ(versions.size(), 2u);
    EXPECT_EQ(versions[0].version, 3);
    EXPECT_EQ(versions[0].plan.goals[0].statement, "A flat near the school");
    EXPECT_EQ(versions[1].plan.goals[0].statement, "A flat");
    ASSERT_EQ(versions[0].changes.size(), 1u);
    EXPECT_EQ(versions[0].changes[0].at("what"), "goal_changed");
    EXPECT_EQ(
        database().Acquire()->Execute("SELECT COUNT(*) FROM cases_plan_versions WHERE content LIKE '%flat%'").Int(0, 0),
        0);
}

PONTE_INSTANTIATE_ENGINES(PlanStoreTest);

}  // namespace
}  // namespace ponte::cases

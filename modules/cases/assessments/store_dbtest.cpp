// The assessment tables on both engines: a case's assessments read back newest first, whole in one
// statement, their scores in domain order and their notes sealed at rest; the schema refuses what
// the model calls no score.
#include "modules/cases/assessments/store.hpp"

#include <gtest/gtest.h>

#include "core/testing/application.hpp"
#include "core/testing/counting_connection.hpp"
#include "core/testing/engine.hpp"
#include "core/testing/identities.hpp"
#include "core/testing/server_process.hpp"
#include "modules/cases/store.hpp"

namespace ponte::cases {
namespace {

class AssessmentStoreTest : public testing::EngineTest {
  protected:
    void SetUp() override {
        EngineTest::SetUp();
        if (IsSkipped()) return;
        testing::MigrateAll(database());
        world_ = std::make_unique<testing::Identities>(database());
        worker_ = world_->actor(policy::Role::kCaseWorker).user_id;
        database().Transact([&](db::Connection& connection) {
            for (const char* name : {"Amina", "Bintou"}) {
                const std::int64_t woman = CreateWoman(connection, world_->own_organization, name, 0, 1);
                cases_.push_back(OpenCase(connection, woman, State::kActive, worker_, 1));
            }
        });
    }

    std::unique_ptr<testing::Identities> world_;
    std::shared_ptr<const crypto::Keyring> keyring_ = testing::TestKeyring();
    std::int64_t worker_ = 0;
    std::vector<std::int64_t> cases_;
};

TEST_P(AssessmentStoreTest, Assessments_NewestFirst_ScoresInDomainOrder_InOneStatement) {
    const std::int64_t id = cases_[0];
    std::vector<std::int64_t> ids;
    database().Transact([&](db::Connection& connection) {
        ids.push_back(InsertAssessment(connection, *keyring_, id, worker_, 100, 1000,
                                       {{"work", 2, "looking"}, {"language", 1, ""}}));
        ids.push_back(InsertAssessment(connection, *keyring_, id, worker_, 300, 1001, {{"work", 4, "a contract"}}));
        // Recorded last, of a time between the two.
        ids.push_back(InsertAssessment(connection, *keyring_, id, 0, 200, 1002, {{"housing", 3, ""}}));
        InsertAssessment(connection, *keyring_, cases_[1], worker_, 150, 1003, {{"money", 5, "hers"}});
    });
    db::Lease lease = database().Acquire();
    testing::CountingConnection connection(*lease);
    const auto assessments = AssessmentsOf(connection, *keyring_, id);
    EXPECT_EQ(connection.statements, 1);
    ASSERT_EQ(assessments.size(), 3u);
    EXPECT_EQ(assessments[0].id, ids[1]);
    EXPECT_EQ(assessments[1].id, ids[2]);
    EXPECT_EQ(assessments[2].id, ids[0]);
    EXPECT_EQ(assessments[0].assessed_at, 300);
    EXPECT_EQ(assessments[0].recorded_at, 1001);
    EXPECT_EQ(assessments[0].by_user_id, worker_);
    EXPECT_EQ(assessments[0].by_name, "Test " + world_->actor(policy::Role::kCaseWorker).name);
    EXPECT_EQ(assessments[0].scores[0].note, "a contract");
    EXPECT_EQ(assessments[1].by_user_id, 0);
    ASSERT_EQ(assessments[2].scores.size(), 2u);
    EXPECT_EQ(assessments[2].scores[0].domain, "language");
    EXPECT_EQ(assessments[2].scores[0].note, "");
    EXPECT_EQ(assessments[2].scores[1].domain, "work");
    EXPECT_EQ(assessments[2].scores[1].score, 2);
    EXPECT_EQ(assessments[2].scores[1].note, "looking");
    EXPECT_EQ(AssessmentsOf(*lease, *keyring_, cases_[1]).size(), 1u);
}

TEST_P(AssessmentStoreTest, Notes_AreSealedAtRest_BoundToTheirCase) {
    database().Transact([&](db::Connection& connection) {
        InsertAssessment(connection, *keyring_, cases_[0], worker_, 100, 100, {{"health", 2, "waiting for a doctor"}});
    });
    auto connection = database().Acquire();
    const auto stored = connection->Execute("SELECT note FROM cases_assessment_scores WHERE case_id = $1", {cases_[0]});
    ASSERT_EQ(stored.size(), 1u);
    EXPECT_EQ(stored.Text(0, 0).find("doctor"), std::string::npos) << "sealed at rest";
    EXPECT_EQ(keyring_->Open(stored.Text(0, 0), NoteContext(cases_[0])), "waiting for a doctor");
    EXPECT_ANY_THROW(keyring_->Open(stored.Text(0, 0), NoteContext(cases_[1])));
}

TEST_P(AssessmentStoreTest, TheSchema_RefusesUnknownDomainsScoresOutOfRangeAndADomainTwice) {
    for (const std::vector<Score>& scores : std::vector<std::vector<Score>>{
             {{"cooking", 3, ""}}, {{"work", 0, ""}}, {{"work", 6, ""}}, {{"work", 3, ""}, {"work", 4, ""}}}) {
        EXPECT_ANY_THROW(database().Transact([&](db::Connection& connection) {
            InsertAssessment(connection, *keyring_, cases_[0], worker_, 1, 1, scores);
        })) << scores.front().domain
            << " " << scores.front().score;
    }
    EXPECT_TRUE(AssessmentsOf(*database().Acquire(), *keyring_, cases_[0]).empty()) << "nothing half-written";
}

PONTE_INSTANTIATE_ENGINES(AssessmentStoreTest);

}  // namespace
}  // namespace ponte::cases

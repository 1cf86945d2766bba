#include "modules/consents/store.hpp"

#include <gtest/gtest.h>

#include "core/accounts/store.hpp"
#include "core/tenancy/store.hpp"
#include "core/testing/application.hpp"
#include "core/testing/engine.hpp"
#include "modules/consents/api.hpp"

namespace ponte::consents {
namespace {

class ConsentStoreTest : public testing::EngineTest {
  protected:
    void SetUp() override {
        EngineTest::SetUp();
        if (IsSkipped()) return;
        testing::MigrateAll(database());
    }
};

TEST_P(ConsentStoreTest, LatestDecisionWins_HistoryKeepsEveryOneInOrder) {
    auto connection = database().Acquire();
    const std::int64_t person =
        accounts::CreateUser(*connection, {.email = "nour@example.org", .display_name = "Nour"}, 1);
    EXPECT_FALSE(HasConsent(*connection, person, "mail.news"));
    EXPECT_EQ(LatestDecision(*connection, person, "mail.news"), std::nullopt);
    RecordConsent(*connection, person, "mail.news", true, "paper", 0, 1);
    EXPECT_TRUE(HasConsent(*connection, person, "mail.news"));
    RecordConsent(*connection, person, "mail.news", false, "online", person, 2);
    EXPECT_FALSE(HasConsent(*connection, person, "mail.news"));
    EXPECT_FALSE(HasConsent(*connection, person, "never.asked"));
    RecordConsent(*connection, person, "mail.news", true, "verbal", 0, 3);
    EXPECT_TRUE(HasConsent(*connection, person, "mail.news"));

    auto history = DecisionsOf(*connection, person);
    ASSERT_EQ(history.size(), 3u);
    EXPECT_EQ(history[0].method, "paper");
    EXPECT_EQ(history[0].recorded_by, 0);
    EXPECT_EQ(history[1].recorded_by, person);
    EXPECT_EQ(history[2].recorded_at, 3);
}

PONTE_INSTANTIATE_ENGINES(ConsentStoreTest);

}  // namespace
}  // namespace ponte::consents

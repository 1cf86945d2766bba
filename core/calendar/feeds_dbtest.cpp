#include "core/calendar/feeds.hpp"

#include <gtest/gtest.h>

#include "core/accounts/store.hpp"
#include "core/db/migrate.hpp"
#include "core/testing/application.hpp"
#include "core/testing/engine.hpp"

namespace ponte::calendar {
namespace {

constexpr std::string_view kScope = "cases.worker";

class FeedsTest : public testing::EngineTest {
  protected:
    void SetUp() override {
        EngineTest::SetUp();
        if (IsSkipped()) return;
        testing::MigrateAll(database());
        std::tie(ana_, bea_) = database().Transact([](db::Connection& connection) {
            return std::pair{
                accounts::CreateUser(connection, {.email = "ana@example.org", .display_name = "Ana"}, kStart),
                accounts::CreateUser(connection, {.email = "bea@example.org", .display_name = "Bea"}, kStart)};
        });
    }

    std::string Issue(std::int64_t owner, std::string_view scope = kScope, std::int64_t now = kStart) {
        return database().Transact(
            [&](db::Connection& connection) { return IssueFeed(connection, owner, scope, now); });
    }
    bool Revoke(std::int64_t owner, std::string_view scope = kScope, std::int64_t now = kStart) {
        return database().Transact(
            [&](db::Connection& connection) { return RevokeFeed(connection, owner, scope, now); });
    }
    std::optional<Feed> Find(std::string_view token) { return FindFeed(*database().Acquire(), token); }

    static constexpr std::int64_t kStart = 1'767'261'600'000;
    std::int64_t ana_ = 0;
    std::int64_t bea_ = 0;
};

TEST_P(FeedsTest, Issue_GivesATokenThatFindsTheFeed) {
    const std::string token = Issue(ana_);
    EXPECT_EQ(token.size(), 43u) << "32 bytes in unpadded base64url";
    EXPECT_EQ(token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
              std::string::npos);
    auto feed = Find(token);
    ASSERT_TRUE(feed);
    EXPECT_GT(feed->id, 0);
    EXPECT_EQ(feed->owner_user_id, ana_);
    EXPECT_EQ(feed->scope, kScope);
    EXPECT_EQ(FeedIssuedAt(*database().Acquire(), ana_, kScope), kStart);
}

TEST_P(FeedsTest, Storage_KeepsTheDigestNotTheToken) {
    const std::string token = Issue(ana_);
    auto rows = database().Acquire()->Execute("SELECT token_hash, scope, created_at FROM calendar_feeds");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_NE(rows.Text(0, 0), token);
    EXPECT_EQ(rows.Text(0, 0), FeedTokenHash(token));
    EXPECT_EQ(rows.Text(0, 0).size(), 64u) << "BLAKE2b-256 in hex";
    EXPECT_EQ(rows.Text(0, 1), kScope);
    EXPECT_EQ(rows.Int(0, 2), kStart);
}

TEST(FeedTokenHash, IsBlake2b256) {
    // BLAKE2b-256 of the empty string (RFC 7693's BLAKE2b with a 32-byte digest).
    EXPECT_EQ(FeedTokenHash(""), "0e5751c026e543b2e8ab2eb06099daa1d1e5df47778f7787faab45cdf12fe3a8");
    EXPECT_NE(FeedTokenHash("a"), FeedTokenHash("b"));
}

TEST_P(FeedsTest, IssueAgain_RevokesTheOldAddress) {
    const std::string first = Issue(ana_);
    const std::string second = Issue(ana_, kScope, kStart + 1000);
    EXPECT_NE(first, second);
    EXPECT_FALSE(Find(first)) << "the old address stops working";
    ASSERT_TRUE(Find(second));
    auto connection = database().Acquire();
    EXPECT_EQ(FeedIssuedAt(*connection, ana_, kScope), kStart + 1000);
    auto rows =
        connection->Execute("SELECT revoked_at FROM calendar_feeds WHERE owner_user_id = $1 ORDER BY id", {ana_});
    ASSERT_EQ(rows.size(), 2u);
    EXPECT_EQ(rows.Int(0, 0), kStart + 1000);
    EXPECT_TRUE(rows.IsNull(1, 0));
}

TEST_P(FeedsTest, Issue_LeavesOtherScopesAndOtherOwnersAlone) {
    const std::string ana_worker = Issue(ana_);
    const std::string ana_other = Issue(ana_, "learning.course");
    const std::string bea_worker = Issue(bea_);
    Issue(ana_);  // replaces ana's cases.worker feed only
    EXPECT_FALSE(Find(ana_worker));
    ASSERT_TRUE(Find(ana_other));
    EXPECT_EQ(Find(ana_other)->scope, "learning.course");
    ASSERT_TRUE(Find(bea_worker));
    EXPECT_EQ(Find(bea_worker)->owner_user_id, bea_);
}

TEST_P(FeedsTest, Revoke_EndsTheFeed) {
    const std::string token = Issue(ana_);
    EXPECT_TRUE(Revoke(ana_, kScope, kStart + 5));
    EXPECT_FALSE(Find(token));
    EXPECT_FALSE(FeedIssuedAt(*database().Acquire(), ana_, kScope));
    EXPECT_FALSE(Revoke(ana_)) << "nothing left to revoke";
    auto rows = database().Acquire()->Execute("SELECT revoked_at FROM calendar_feeds");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows.Int(0, 0), kStart + 5) << "the revoked row stays, with when";
}

TEST_P(FeedsTest, Revoke_SomeoneElsesScopeOrOwner_LeavesTheFeed) {
    const std::string token = Issue(ana_);
    EXPECT_FALSE(Revoke(bea_));
    EXPECT_FALSE(Revoke(ana_, "learning.course"));
    EXPECT_TRUE(Find(token));
}

TEST_P(FeedsTest, WrongTokens_FindNothing) {
    const std::string token = Issue(ana_);
    std::string altered = token;
    altered[10] = altered[10] == 'A' ? 'B' : 'A';
    EXPECT_FALSE(Find(altered));
    EXPECT_FALSE(Find(""));
    EXPECT_FALSE(Find(token.substr(0, 42)));
    EXPECT_FALSE(Find(token + "A"));
    EXPECT_FALSE(Find(FeedTokenHash(token))) << "the stored digest is not a token";
    EXPECT_FALSE(Find(std::string(43, '.')));
}

TEST_P(FeedsTest, Issue_WithoutScope_Throws) { EXPECT_THROW(Issue(ana_, ""), std::invalid_argument); }

TEST_P(FeedsTest, ExportAndErase_CoverHerFeedsOnly) {
    Issue(ana_);
    Issue(ana_, kScope, kStart + 10);
    const std::string bea_token = Issue(bea_);
    auto connection = database().Acquire();
    auto exported = ExportFeeds(*connection, ana_);
    ASSERT_EQ(exported.size(), 2u);
    EXPECT_EQ(exported.at(0).at("scope").as_string(), kScope);
    EXPECT_EQ(exported.at(0).at("created_at"), kStart);
    EXPECT_EQ(exported.at(0).at("revoked_at"), kStart + 10);
    EXPECT_TRUE(exported.at(1).at("revoked_at").is_null());
    EXPECT_EQ(boost::json::serialize(exported).find("hash"), std::string::npos);
    EraseFeeds(*connection, ana_);
    EXPECT_TRUE(ExportFeeds(*connection, ana_).empty());
    EXPECT_TRUE(FindFeed(*connection, bea_token)) << "nobody else's feed is touched";
}

TEST(CalendarMigrations, AreNumberedWithoutGaps) {
    auto migrations = db::LoadEmbeddedMigrations("calendar", "core/calendar/migrations/");
    ASSERT_FALSE(migrations.empty());
    for (std::size_t i = 0; i < migrations.size(); ++i) {
        EXPECT_EQ(migrations[i].version, static_cast<int>(i + 1));
    }
}

PONTE_INSTANTIATE_ENGINES(FeedsTest);

}  // namespace
}  // namespace ponte::calendar

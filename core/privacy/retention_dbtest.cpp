// Retention on real storage (both engines): the purge deletes exactly the records past their
// period, keeps the rest, and the job queues its next run once; the export shows the periods.
#include "core/privacy/retention.hpp"

#include <gtest/gtest.h>

#include <set>
#include <tuple>

#include "core/accounts/store.hpp"
#include "core/db/migrate.hpp"
#include "core/jobs/jobs.hpp"
#include "core/privacy/privacy.hpp"
#include "core/tenancy/store.hpp"
#include "core/testing/application.hpp"
#include "core/testing/engine.hpp"
#include "core/testing/server_process.hpp"

namespace ponte::privacy {
namespace {

constexpr std::int64_t kNow = 1'800'000'000'000;
constexpr std::int64_t kDay = std::int64_t{24} * 60 * 60 * 1000;
constexpr std::int64_t kMinute = std::int64_t{60} * 1000;

class RetentionTest : public testing::EngineTest {
  protected:
    void SetUp() override {
        EngineTest::SetUp();
        if (IsSkipped()) return;
        registry_ = testing::Application(database(), testing::TestKeyring());
        db::Migrate(database(), registry_->migrations());
        user_ =
            accounts::CreateUser(*database().Acquire(), {.email = "rania@example.org", .display_name = "Rania"}, kNow);
    }
    void Run(std::string_view sql, std::vector<db::Value> params) {
        database().Acquire()->Execute(sql, std::span<const db::Value>(params.data(), params.size()));
    }
    // The first column of every row of `sql`, as text.
    std::set<std::string> Column(std::string_view sql) {
        auto rows = database().Acquire()->Execute(sql);
        std::set<std::string> out;
        for (std::size_t row = 0; row < rows.size(); ++row) out.insert(rows.Text(row, 0));
        return out;
    }
    void Session(std::string digest, std::int64_t last_seen, std::int64_t expires) {
        Run("INSERT INTO authentication_sessions (digest, user_id, csrf_token, created_at, last_seen_at, expires_at, "
            "remote, "
            "user_agent) VALUES ($1, $2, 't', $3, $4, $5, '192.0.2.1', 'Firefox')",
            {std::move(digest), user_, last_seen - kMinute, last_seen, expires});
    }
    void Code(std::string_view table, std::string digest, std::int64_t expires, db::Value used) {
        Run("INSERT INTO " + std::string(table) +
                " (digest, user_id, created_at, expires_at, used_at) VALUES ($1, $2, $3, $4, $5)",
            {std::move(digest), user_, expires - kDay, expires, std::move(used)});
    }
    std::int64_t Job(std::string_view status, db::Value finished) {
        const std::int64_t id = jobs::Enqueue(*database().Acquire(), "mail.send", "sealed", kNow - 40 * kDay);
        Run("UPDATE jobs SET status = $2, finished_at = $3 WHERE id = $1",
            {id, std::string(status), std::move(finished)});
        return id;
    }

    std::unique_ptr<core::Registry> registry_;
    std::int64_t user_ = 0;
};

TEST_P(RetentionTest, Purge_DeletesExactlyTheRecordsPastTheirPeriod) {
    // Sessions: 30 days after they ended (expired, or unused since).
    Session("expired-31-days-ago", kNow - 40 * kDay, kNow - 31 * kDay);
    Session("unused-for-31-days", kNow - 31 * kDay, kNow + kDay);
    Session("expired-29-days-ago", kNow - 29 * kDay - kMinute, kNow - 29 * kDay);
    Session("live", kNow - kMinute, kNow + kDay);
    // Invitation codes and reset links: 30 days after spent or expired.
    for (std::string_view table : {"accounts_invitations", "authentication_password_resets"}) {
        Code(table, "expired-31", kNow - 31 * kDay, nullptr);
        Code(table, "spent-31", kNow + kDay, kNow - 31 * kDay);
        Code(table, "expired-29", kNow - 29 * kDay, nullptr);
        Code(table, "spent-29", kNow - 20 * kDay, kNow - 29 * kDay);
        Code(table, "unused", kNow + kDay, nullptr);
    }
    // Join codes: 30 days after spent or expired. New codes given by staff: 90 days after.
    const std::int64_t organization = tenancy::CreateOrganization(*database().Acquire(), "Centre", "ngo", kNow);
    for (auto [digest, expires, used] : {std::tuple{"expired-31", kNow - 31 * kDay, db::Value{nullptr}},
                                         {"spent-31", kNow + kDay, db::Value{kNow - 31 * kDay}},
                                         {"spent-29", kNow + kDay, db::Value{kNow - 29 * kDay}},
                                         {"unused", kNow + kDay, db::Value{nullptr}}}) {
        Run("INSERT INTO tenancy_membership_invitations (digest, organization_id, role, created_at, expires_at, "
            "used_at, used_by) VALUES ($1, $2, 'mentor', $3, $4, $5, NULL)",
            {std::string(digest), organization, expires - kDay, expires, used});
    }
    for (std::int64_t age : {91 * kDay, 89 * kDay}) {
        Run("INSERT INTO accounts_access_resets (user_id, reason, created_at) VALUES ($1, 'sealed', $2)",
            {user_, kNow - age});
    }
    // Throttle rows: a day after their window started and their lockout ended.
    Run("INSERT INTO throttle_keys (key, failures, window_start, locked_until) VALUES "
        "('account:old@example.org', 5, $1, $1), ('account:locked@example.org', 5, $1, $2), "
        "('address:192.0.2.9', 1, $3, 0)",
        {kNow - 2 * kDay, kNow - 12 * (60 * kMinute), kNow - 23 * (60 * kMinute)});
    // Jobs: 7 days after they finished or failed; queued and running ones stay.
    const auto done_old = Job("done", kNow - 8 * kDay);
    const auto failed_old = Job("failed", kNow - 8 * kDay);
    const auto done_recent = Job("done", kNow - 6 * kDay);
    const auto queued = Job("queued", nullptr);
    const auto running = Job("running", nullptr);

    auto deleted = Purge(*database().Acquire(), kNow);

    EXPECT_EQ(Column("SELECT digest FROM authentication_sessions"),
              (std::set<std::string>{"expired-29-days-ago", "live"}));
    for (std::string_view table : {"accounts_invitations", "authentication_password_resets"}) {
        EXPECT_EQ(Column("SELECT digest FROM " + std::string(table)),
                  (std::set<std::string>{"expired-29", "spent-29", "unused"}))
            << table;
    }
    EXPECT_EQ(Column("SELECT digest FROM tenancy_membership_invitations"),
              (std::set<std::string>{"spent-29", "unused"}));
    EXPECT_EQ(Column("SELECT CAST(created_at AS TEXT) FROM accounts_access_resets"),
              (std::set<std::string>{std::to_string(kNow - 89 * kDay)}));
    EXPECT_EQ(Column("SELECT key FROM throttle_keys"),
              (std::set<std::string>{"account:locked@example.org", "address:192.0.2.9"}));
    EXPECT_EQ(Column("SELECT CAST(id AS TEXT) FROM jobs"),
              (std::set<std::string>{std::to_string(done_recent), std::to_string(queued), std::to_string(running)}));
    EXPECT_NE(done_old, failed_old);
    const std::vector<std::pair<std::string, std::int64_t>> expected = {
        {"auth.sessions", 2},        {"auth.invitations", 2},
        {"auth.password_resets", 2}, {"auth.membership_invitations", 2},
        {"auth.access_resets", 1},   {"auth.throttle", 1},
        {"jobs.finished", 2}};
    EXPECT_EQ(deleted, expected);
    // Nothing more to delete at the same moment.
    EXPECT_TRUE(Purge(*database().Acquire(), kNow).empty());
}

TEST_P(RetentionTest, Job_IsRegisteredPurgesAndQueuesItsNextRunOnce) {
    ASSERT_TRUE(registry_->job_handlers().contains(kRetentionJobKind));
    auto connection = database().Acquire();
    EXPECT_TRUE(ScheduleRetention(*connection, kNow));
    EXPECT_FALSE(ScheduleRetention(*connection, kNow));  // a second instance starting finds it queued
    Session("expired-31-days-ago", kNow - 40 * kDay, kNow - 31 * kDay);

    jobs::Worker worker(database(), {.worker_id = "w"}, [] { return kNow; });
    worker.Handle(std::string(kRetentionJobKind), [&](const jobs::Job&) { RunRetention(database(), kNow); });
    ASSERT_TRUE(worker.RunOnce());
    EXPECT_TRUE(Column("SELECT digest FROM authentication_sessions").empty());
    auto queued = connection->Execute("SELECT run_at FROM jobs WHERE kind = $1 AND status = 'queued'",
                                      {std::string(kRetentionJobKind)});
    ASSERT_EQ(queued.size(), 1u);
    EXPECT_EQ(queued.Int(0, 0), kNow + std::chrono::milliseconds(kRetentionInterval).count());
    EXPECT_FALSE(worker.RunOnce());  // the next run is not due yet
}

TEST_P(RetentionTest, ExportPerson_HasARetentionSectionWithEachRule) {
    auto document = ExportPerson(database(), *registry_, user_, kNow);
    const auto& retention = document.at("retention").as_array();
    ASSERT_EQ(retention.size(), RetentionRules().size() + 1);
    for (std::size_t i = 0; i < RetentionRules().size(); ++i) {
        const auto& rule = RetentionRules()[i];
        EXPECT_EQ(retention[i].at("name").as_string(), rule.name);
        EXPECT_EQ(retention[i].at("deleted_after_days").as_int64(), rule.period.count());
        EXPECT_FALSE(retention[i].at("why").as_string().empty());
    }
    EXPECT_TRUE(retention.back().at("deleted_after_days").is_null());
}

PONTE_INSTANTIATE_ENGINES(RetentionTest);

}  // namespace
}  // namespace ponte::privacy

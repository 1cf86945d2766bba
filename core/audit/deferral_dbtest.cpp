// Records deferred to the answer of their request (audit::Deferral), on both engines: queued and
// not committed until someone waits for them, committed together, in one chain with the records
// that wait on the spot; a failed commit is reported to every waiter and leaves no entry.
#include <gtest/gtest.h>

#include <atomic>
#include <future>
#include <thread>

#include "core/audit/audit.hpp"
#include "core/db/migrate.hpp"
#include "core/testing/engine.hpp"
#include "core/testing/server_process.hpp"

namespace ponte::audit {
namespace {

using namespace std::chrono_literals;

class DeferralTest : public testing::EngineTest {
  protected:
    void SetUp() override {
        EngineTest::SetUp();
        if (IsSkipped()) return;
        db::Migrate(database(), db::LoadEmbeddedMigrations("audit", "core/audit/migrations/"));
    }

    static Entry Read(int id) {
        return Entry{.actor_user_id = 7,
                     .action = "cases.case.read",
                     .outcome = "ok",
                     .resource_type = "cases.case",
                     .resource_id = std::to_string(id)};
    }

    std::int64_t Committed() { return database().Acquire()->Execute("SELECT COUNT(*) FROM audit_log").Int(0, 0); }

    // Calls the hold and returns what it resumed with (within 10 s, else nullopt).
    static std::optional<bool> Settle(const Deferral::Hold& hold) {
        auto promise = std::make_shared<std::promise<bool>>();
        auto result = promise->get_future();
        hold([promise](bool committed) { promise->set_value(committed); });
        if (result.wait_for(10s) != std::future_status::ready) return std::nullopt;
        return result.get();
    }
};

TEST_P(DeferralTest, Records_AreCommittedOnlyWhenTheirHoldIsCalled) {
    Deferral::Hold hold;
    {
        Deferral deferral;
        Record(database(), Read(1), 1'000);
        Record(database(), Read(2), 1'001);
        EXPECT_EQ(Committed(), 0);  // queued, and nobody waits for them yet
        hold = deferral.Release();
    }
    EXPECT_EQ(Committed(), 0);
    ASSERT_TRUE(hold);
    EXPECT_EQ(Settle(hold), std::optional<bool>(true));
    EXPECT_EQ(Committed(), 2);
    // Once committed, the hold resumes at once.
    EXPECT_EQ(Settle(hold), std::optional<bool>(true));
    auto report = Verify(database(), testing::TestKeyring().get());
    EXPECT_TRUE(report.ok) << report.reason;
    EXPECT_EQ(report.checked, 2);
}

TEST_P(DeferralTest, NothingRecorded_HoldsNothing) {
    Deferral deferral;
    EXPECT_FALSE(deferral.Release());
    // After Release, a record waits on the spot again.
    Record(database(), Read(1), 1'000);
    EXPECT_EQ(Committed(), 1);
}

TEST_P(DeferralTest, NotReleased_CommitsWhenItEnds) {
    {
        Deferral deferral;
        Record(database(), Read(1), 1'000);
        EXPECT_EQ(Committed(), 0);
    }
    EXPECT_EQ(Committed(), 1);
}

TEST_P(DeferralTest, FailedCommit_ResumesEveryWaiterWithFalseAndThrowsForARecordOnTheSpot) {
    database().Acquire()->ExecuteScript("DROP TABLE audit_head");
    Deferral::Hold hold;
    {
        Deferral deferral;
        Record(database(), Read(1), 1'000);
        hold = deferral.Release();
    }
    EXPECT_EQ(Settle(hold), std::optional<bool>(false));
    EXPECT_EQ(Settle(hold), std::optional<bool>(false));
    EXPECT_ANY_THROW(Record(database(), Read(2), 1'001));
    EXPECT_EQ(Committed(), 0);
}

TEST_P(DeferralTest, ManyThreads_DeferredAndOnTheSpot_MakeOneChainWithEveryEntryOnce) {
    constexpr int kThreads = 6;
    constexpr int kEach = 25;
    std::atomic<int> resumed_true{0};
    std::vector<std::thread> threads;
    threads.reserve(kThreads);
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            for (int i = 0; i < kEach; ++i) {
                const int id = t * 1000 + i;
                if (t % 2 == 0) {
                    Record(database(), Read(id), 1'000);
                    continue;
                }
                Deferral::Hold hold;
                {
                    Deferral deferral;
                    Record(database(), Read(id), 1'000);
                    hold = deferral.Release();
                }
                if (Settle(hold) == std::optional<bool>(true)) ++resumed_true;
            }
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(resumed_true.load(), kThreads / 2 * kEach);
    auto report = Verify(database(), testing::TestKeyring().get());
    EXPECT_TRUE(report.ok) << report.reason << " at " << report.first_bad_seq;
    EXPECT_EQ(report.checked, kThreads * kEach);
    auto distinct = database().Acquire()->Execute("SELECT COUNT(DISTINCT resource_id) FROM audit_log");
    EXPECT_EQ(distinct.Int(0, 0), kThreads * kEach);
}

PONTE_INSTANTIATE_ENGINES(DeferralTest);

}  // namespace
}  // namespace ponte::audit

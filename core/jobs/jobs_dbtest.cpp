#include "core/jobs/jobs.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <mutex>
#include <thread>

#include "core/db/migrate.hpp"
#include "core/testing/engine.hpp"

namespace ponte::jobs {
namespace {

using namespace std::chrono_literals;

class JobsTest : public testing::EngineTest {
  protected:
    void SetUp() override {
        EngineTest::SetUp();
        if (IsSkipped()) return;
        db::Migrate(database(), db::LoadEmbeddedMigrations("core", "core/db/migrations/"));
    }

    std::int64_t Add(std::string kind, std::string payload = "{}", int max_attempts = 5) {
        return Enqueue(*database().Acquire(), kind, payload, now_, max_attempts);
    }
    std::string Status(std::int64_t id) {
        return database().Acquire()->Execute("SELECT status FROM jobs WHERE id = $1", {id}).Text(0, 0);
    }

    std::atomic<std::int64_t> now_{1'000'000};
    Clock clock_ = [this] { return now_.load(); };
    WorkerOptions options_{.worker_id = "w1", .lease = 60s, .backoff_base = 10s, .backoff_cap = 1h};
};

TEST_P(JobsTest, RunOnce_DueJob_RunsOnceAndIsDone) {
    Worker worker(database(), options_, clock_);
    std::vector<std::string> seen;
    worker.Handle("mail", [&](const Job& job) { seen.push_back(job.payload); });
    auto id = Add("mail", R"({"to":"x"})");
    EXPECT_TRUE(worker.RunOnce());
    EXPECT_FALSE(worker.RunOnce());
    EXPECT_EQ(seen, (std::vector<std::string>{R"({"to":"x"})"}));
    EXPECT_EQ(Status(id), "done");
}

TEST_P(JobsTest, RunOnce_FutureJob_WaitsUntilDue) {
    Worker worker(database(), options_, clock_);
    int runs = 0;
    worker.Handle("mail", [&](const Job&) { ++runs; });
    Enqueue(*database().Acquire(), "mail", "{}", now_ + 5000);
    EXPECT_FALSE(worker.RunOnce());
    now_ += 5000;
    EXPECT_TRUE(worker.RunOnce());
    EXPECT_EQ(runs, 1);
}

TEST_P(JobsTest, RunOnce_FailingJob_RetriesWithBackoffThenFails) {
    Worker worker(database(), options_, clock_);
    std::vector<int> attempts;
    worker.Handle("flaky", [&](const Job& job) {
        attempts.push_back(job.attempt);
        throw std::runtime_error("smtp down");
    });
    auto id = Add("flaky", "{}", 3);
    EXPECT_TRUE(worker.RunOnce());
    EXPECT_EQ(Status(id), "queued");
    EXPECT_FALSE(worker.RunOnce());  // backing off: 10 s
    now_ += 10'000;
    EXPECT_TRUE(worker.RunOnce());
    now_ += 10'000;
    EXPECT_FALSE(worker.RunOnce());  // second backoff is 20 s
    now_ += 10'000;
    EXPECT_TRUE(worker.RunOnce());
    EXPECT_EQ(attempts, (std::vector<int>{1, 2, 3}));
    EXPECT_EQ(Status(id), "failed");
    EXPECT_EQ(database().Acquire()->Execute("SELECT last_error FROM jobs WHERE id = $1", {id}).Text(0, 0), "smtp down");
}

TEST_P(JobsTest, RunOnce_UnknownKind_FailsWithoutRetry) {
    Worker worker(database(), options_, clock_);
    auto id = Add("nobody-handles-this");
    EXPECT_TRUE(worker.RunOnce());
    EXPECT_EQ(Status(id), "failed");
}

TEST_P(JobsTest, RunOnce_ExpiredLeaseOfDeadWorker_IsReclaimed) {
    auto id = Add("mail");
    {
        // A worker claims the job and dies without finishing it.
        db::Lease connection = database().Acquire();
        connection->Execute(ClaimStatement(database().engine()), {std::string("dead"), now_.load(), now_ + 60'000});
    }
    Worker worker(database(), options_, clock_);
    int runs = 0;
    worker.Handle("mail", [&](const Job& job) {
        ++runs;
        EXPECT_EQ(job.attempt, 2);
    });
    EXPECT_FALSE(worker.RunOnce());  // the lease still holds
    now_ += 60'001;
    EXPECT_TRUE(worker.RunOnce());
    EXPECT_EQ(runs, 1);
    EXPECT_EQ(Status(id), "done");
}

// Two app instances (two Database objects, two workers each) drain one queue concurrently: on
// PostgreSQL through SKIP LOCKED, on SQLite through its single writer. No job runs twice.
TEST_P(JobsTest, TwoInstances_NeverRunTheSameJob) {
    constexpr int kJobs = 200;
    {
        auto connection = database().Acquire();
        for (int i = 0; i < kJobs; ++i) Enqueue(*connection, "count", std::to_string(i), now_);
    }
    auto other = OpenAnother(4);
    std::mutex mutex;
    std::map<std::string, int> runs;
    auto count = [&](const Job& job) {
        std::lock_guard lock(mutex);
        ++runs[job.payload];
    };
    std::vector<std::unique_ptr<Worker>> workers;
    for (int i = 0; i < 4; ++i) {
        auto& db = i % 2 == 0 ? database() : *other;
        workers.push_back(std::make_unique<Worker>(db, WorkerOptions{.worker_id = "w" + std::to_string(i)}, clock_));
        workers.back()->Handle("count", count);
    }
    std::vector<std::thread> threads;
    threads.reserve(4);
    for (int i = 0; i < 4; ++i) {
        threads.emplace_back([&, i] {
            while (workers[i]->RunOnce()) {
            }
        });
    }
    for (auto& thread : threads) thread.join();
    ASSERT_EQ(runs.size(), static_cast<std::size_t>(kJobs));
    for (const auto& [payload, times] : runs) EXPECT_EQ(times, 1) << "job " << payload;
    EXPECT_EQ(database().Acquire()->Execute("SELECT COUNT(*) FROM jobs WHERE status = 'done'").Int(0, 0), kJobs);
}

TEST_P(JobsTest, Start_BackgroundWorker_RunsJobsUntilStopped) {
    Worker worker(database(), {.worker_id = "bg", .poll_interval = 10ms});
    std::atomic<int> runs{0};
    worker.Handle("tick", [&](const Job&) { ++runs; });
    Enqueue(*database().Acquire(), "tick", "{}", SystemNowMs());
    worker.Start();
    const auto deadline = std::chrono::steady_clock::now() + 10s;
    while (runs == 0 && std::chrono::steady_clock::now() < deadline) std::this_thread::yield();
    worker.Stop();
    EXPECT_EQ(runs, 1);
}

TEST(Backoff, DoublesUpToCap) {
    EXPECT_EQ(Backoff(1, 10s, 1h), 10s);
    EXPECT_EQ(Backoff(2, 10s, 1h), 20s);
    EXPECT_EQ(Backoff(4, 10s, 1h), 80s);
    EXPECT_EQ(Backoff(40, 10s, 1h), 1h);
    EXPECT_EQ(Backoff(0, 10s, 1h), 10s);
}

PONTE_INSTANTIATE_ENGINES(JobsTest);

}  // namespace
}  // namespace ponte::jobs

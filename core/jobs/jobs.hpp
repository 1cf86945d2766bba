// Background jobs: rows in the jobs table, claimed by workers, retried with exponential backoff.
//
// Delivery is at least once: a job whose worker dies is claimed again when its lease expires, so
// handlers must be idempotent. On PostgreSQL several instances claim concurrently and never the
// same job (FOR UPDATE SKIP LOCKED); on SQLite, the single writer serializes claims.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include "core/db/database.hpp"

namespace ponte::jobs {

struct Job {
    std::int64_t id = 0;
    std::string kind;
    std::string payload;
    int attempt = 0;  // 1 on the first run
};

// Milliseconds since the epoch; injectable so tests control time.
using Clock = std::function<std::int64_t()>;
std::int64_t SystemNowMs();

// Adds a job in the caller's transaction (so it exists only if the caller's work commits).
// Returns its id.
std::int64_t Enqueue(db::Connection& connection, std::string_view kind, std::string_view payload,
                     std::int64_t run_at_ms, int max_attempts = 5);

// Adds a job like Enqueue unless a job of `kind` is queued already (for a recurring job, whose
// every run queues the next). True when it added one. Two instances that call it at the same
// moment on PostgreSQL may both add one; the next runs then find one queued and add none.
bool EnqueueUnlessQueued(db::Connection& connection, std::string_view kind, std::string_view payload,
                         std::int64_t run_at_ms, int max_attempts = 5);

// The delay before attempt `attempt + 1` after attempt `attempt` failed: base · 2^(attempt-1),
// capped at `cap`. Pure.
std::chrono::milliseconds Backoff(int attempt, std::chrono::milliseconds base, std::chrono::milliseconds cap);

struct WorkerOptions {
    std::string worker_id;                           // unique per process
    std::chrono::milliseconds poll_interval{1000};   // sleep when no job is due
    std::chrono::milliseconds lease{5 * 60 * 1000};  // a claimed job is reclaimed after this
    std::chrono::milliseconds backoff_base{10 * 1000};
    std::chrono::milliseconds backoff_cap{60 * 60 * 1000};
};

class Worker {
  public:
    // A handler throws to fail the attempt; its message is kept in last_error.
    using Handler = std::function<void(const Job&)>;

    Worker(db::Database& database, WorkerOptions options, Clock clock = SystemNowMs);
    ~Worker();
    Worker(const Worker&) = delete;
    Worker& operator=(const Worker&) = delete;

    // Registers the handler of a job kind. Call before Start(). A job of an unknown kind fails
    // at once, without retries.
    void Handle(std::string kind, Handler handler);

    // Claims one due job and runs it; false when none was due. Used by the thread and by tests.
    bool RunOnce();

    // Runs jobs on a background thread until Stop(), which waits for the current job to end.
    void Start();
    void Stop();

  private:
    void Complete(const Job& job);
    void Fail(const Job& job, const std::string& error, bool retry);

    db::Database& database_;
    WorkerOptions options_;
    Clock clock_;
    std::map<std::string, Handler, std::less<>> handlers_;
    std::thread thread_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
};

// The statement that claims the next due job for worker $1 until epoch-millisecond $3, where $2 is now; returns
// (id, kind, payload, attempts). On PostgreSQL, SKIP LOCKED lets several instances claim
// concurrently without ever taking the same row; on SQLite, the single writer serializes claims.
constexpr std::string_view ClaimStatement(db::Engine engine) {
    return engine == db::Engine::kSqlite
               ? "UPDATE jobs SET status = 'running', locked_by = $1, locked_until = $3, attempts = attempts + 1 "
                 "WHERE id = (SELECT id FROM jobs WHERE (status = 'queued' AND run_at <= $2) "
                 "OR (status = 'running' AND locked_until < $2) ORDER BY run_at, id LIMIT 1) "
                 "RETURNING id, kind, payload, attempts"
               : "UPDATE jobs SET status = 'running', locked_by = $1, locked_until = $3, attempts = attempts + 1 "
                 "WHERE id = (SELECT id FROM jobs WHERE (status = 'queued' AND run_at <= $2) "
                 "OR (status = 'running' AND locked_until < $2) ORDER BY run_at, id LIMIT 1 "
                 "FOR UPDATE SKIP LOCKED) "
                 "RETURNING id, kind, payload, attempts";
}

}  // namespace ponte::jobs

#include "core/jobs/jobs.hpp"

#include "core/log/log.hpp"

namespace ponte::jobs {
namespace {

constexpr std::string_view kInsert =
    "INSERT INTO jobs (kind, payload, run_at, max_attempts, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id";
// The casts give PostgreSQL the parameters' types, which a SELECT list does not imply.
constexpr std::string_view kInsertUnlessQueued =
    "INSERT INTO jobs (kind, payload, run_at, max_attempts, created_at) "
    "SELECT CAST($1 AS TEXT), CAST($2 AS TEXT), CAST($3 AS BIGINT), CAST($4 AS BIGINT), CAST($5 AS BIGINT) "
    "WHERE NOT EXISTS (SELECT 1 FROM jobs WHERE kind = CAST($1 AS TEXT) AND status = 'queued')";
constexpr std::string_view kComplete =
    "UPDATE jobs SET status = 'done', finished_at = $3, locked_by = NULL, locked_until = NULL, last_error = NULL "
    "WHERE id = $1 AND locked_by = $2";
constexpr std::string_view kRetry =
    "UPDATE jobs SET status = 'queued', run_at = $3, locked_by = NULL, locked_until = NULL, last_error = $4 "
    "WHERE id = $1 AND locked_by = $2";
constexpr std::string_view kGiveUp =
    "UPDATE jobs SET status = 'failed', finished_at = $3, locked_by = NULL, locked_until = NULL, last_error = $4 "
    "WHERE id = $1 AND locked_by = $2";
constexpr std::string_view kMaxAttempts = "SELECT max_attempts FROM jobs WHERE id = $1";

}  // namespace

std::int64_t SystemNowMs() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::int64_t Enqueue(db::Connection& connection, std::string_view kind, std::string_view payload,
                     std::int64_t run_at_ms, int max_attempts) {
    auto result = connection.Execute(
        kInsert, {std::string(kind), std::string(payload), run_at_ms, std::int64_t{max_attempts}, SystemNowMs()});
    return result.Int(0, 0);
}

bool EnqueueUnlessQueued(db::Connection& connection, std::string_view kind, std::string_view payload,
                         std::int64_t run_at_ms, int max_attempts) {
    auto result = connection.Execute(kInsertUnlessQueued, {std::string(kind), std::string(payload), run_at_ms,
                                                           std::int64_t{max_attempts}, SystemNowMs()});
    return result.affected_rows > 0;
}

std::chrono::milliseconds Backoff(int attempt, std::chrono::milliseconds base, std::chrono::milliseconds cap) {
    if (attempt < 1) attempt = 1;
    auto delay = base;
    for (int i = 1; i < attempt && delay < cap; ++i) delay *= 2;
    return std::min(delay, cap);
}

Worker::Worker(db::Database& database, WorkerOptions options, Clock clock)
    : database_(database), options_(std::move(options)), clock_(std::move(clock)) {}

Worker::~Worker() { Stop(); }

void Worker::Handle(std::string kind, Handler handler) { handlers_.emplace(std::move(kind), std::move(handler)); }

bool Worker::RunOnce() {
    std::int64_t now = clock_();
    Job job;
    {
        // A claim is one statement, so it needs no explicit transaction; autocommit applies it.
        db::Lease connection = database_.Acquire();
        auto claimed = connection->Execute(ClaimStatement(database_.engine()),
                                           {options_.worker_id, now, now + options_.lease.count()});
        if (claimed.empty()) return false;
        job = {claimed.Int(0, 0), claimed.Text(0, 1), claimed.Text(0, 2), static_cast<int>(claimed.Int(0, 3))};
    }
    auto handler = handlers_.find(job.kind);
    if (handler == handlers_.end()) {
        Fail(job, "no handler for job kind " + job.kind, false);
        return true;
    }
    try {
        handler->second(job);
    } catch (const std::exception& error) {
        Fail(job, error.what(), true);
        return true;
    }
    Complete(job);
    return true;
}

void Worker::Complete(const Job& job) {
    db::Lease connection = database_.Acquire();
    connection->Execute(kComplete, {job.id, options_.worker_id, clock_()});
}

void Worker::Fail(const Job& job, const std::string& error, bool retry) {
    db::Lease connection = database_.Acquire();
    auto max_attempts = connection->Execute(kMaxAttempts, {job.id}).Int(0, 0);
    std::int64_t now = clock_();
    if (retry && job.attempt < max_attempts) {
        auto delay = Backoff(job.attempt, options_.backoff_base, options_.backoff_cap);
        connection->Execute(kRetry, {job.id, options_.worker_id, now + delay.count(), error});
        log::Warn("job failed; will retry", {{"job_id", std::to_string(job.id)}, {"kind", job.kind}});
    } else {
        connection->Execute(kGiveUp, {job.id, options_.worker_id, now, error});
        log::Error("job failed for good", {{"job_id", std::to_string(job.id)}, {"kind", job.kind}});
    }
}

void Worker::Start() {
    thread_ = std::thread([this] {
        std::unique_lock lock(mutex_);
        while (!stopping_) {
            lock.unlock();
            bool worked = false;
            try {
                worked = RunOnce();
            } catch (const std::exception& error) {
                log::Error("job worker error", {{"error", error.what()}});  // database away: try later
            }
            lock.lock();
            if (!worked) wake_.wait_for(lock, options_.poll_interval, [this] { return stopping_; });
        }
    });
}

void Worker::Stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

}  // namespace ponte::jobs

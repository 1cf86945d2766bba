#include "core/audit/audit.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <array>
#include <condition_variable>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "core/crypto/random.hpp"
#include "core/log/log.hpp"

namespace ponte::audit {
namespace {

constexpr std::string_view kAdvanceHead = "UPDATE audit_head SET seq = seq + $1 WHERE id = 1 RETURNING seq, hash";
constexpr std::string_view kSetHeadHash = "UPDATE audit_head SET hash = $1 WHERE id = 1";
constexpr std::string_view kInsert =
    "INSERT INTO audit_log (seq, at, actor_user_id, action, outcome, resource_type, resource_id, organization_id, "
    "remote, request_id, detail, prev_hash, hash, key_id) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)";
constexpr std::string_view kSelectPage =
    "SELECT seq, at, actor_user_id, action, outcome, resource_type, resource_id, organization_id, remote, "
    "request_id, detail, prev_hash, hash, key_id FROM audit_log WHERE seq > $1 AND seq <= $2 ORDER BY seq LIMIT 1000";
constexpr std::string_view kSelectHead = "SELECT seq, hash FROM audit_head WHERE id = 1";

constexpr std::string_view kGenesis = "0000000000000000000000000000000000000000000000000000000000000000";
constexpr std::string_view kMacPurpose = "auditmac";

std::mutex keys_mutex;
std::shared_ptr<const crypto::Keyring> chain_keys;

std::shared_ptr<const crypto::Keyring> ChainKeys() {
    std::lock_guard lock(keys_mutex);
    return chain_keys;
}

std::string HmacSha256Hex(std::string_view message, const std::array<unsigned char, crypto::Keyring::kKeyBytes>& key) {
    unsigned char mac[crypto_auth_hmacsha256_BYTES];
    crypto_auth_hmacsha256(mac, reinterpret_cast<const unsigned char*>(message.data()), message.size(), key.data());
    std::string hex(2 * sizeof mac + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), mac, sizeof mac);
    hex.pop_back();
    return hex;
}

}  // namespace

// The records of a database wait their turn here: one transaction at a time appends every record
// queued meanwhile, so that concurrent records (each audited read makes one) share a commit (on
// SQLite, one fsync of the journal) and a lock of the chain's head instead of queueing for them one
// by one. The transaction runs on the thread of one of those waiting for it, or of its own when
// more come to wait meanwhile (Settle).
struct BatchCommitter {
    std::mutex mutex;
    std::shared_ptr<Batch> open;  // the batch that takes new records; null when none does
    bool committing = false;      // a thread commits batches now: those who wait leave it to it
};

// The records of one transaction.
struct Batch {
    std::shared_ptr<BatchCommitter> committer;
    db::Database* database = nullptr;
    std::vector<std::pair<Entry, std::int64_t>> entries;  // each with its time
    std::vector<std::function<void(bool)>> waiting;       // called once it is committed or failed
    bool done = false;
    std::exception_ptr error;  // why its transaction failed
};

namespace {

std::mutex committers_mutex;
std::map<const db::Database*, std::shared_ptr<BatchCommitter>> committers;

std::shared_ptr<BatchCommitter> CommitterOf(const db::Database& database) {
    std::lock_guard lock(committers_mutex);
    auto& committer = committers[&database];
    if (!committer) committer = std::make_shared<BatchCommitter>();
    return committer;
}

thread_local Deferral* current_deferral = nullptr;

// Appends the entries in order at the head of the chain; returns the first one's sequence number.
std::int64_t AppendAll(db::Connection& connection, const std::vector<std::pair<Entry, std::int64_t>>& entries) {
    const auto count = static_cast<std::int64_t>(entries.size());
    auto head = connection.Execute(kAdvanceHead, {count});
    const std::int64_t first = head.Int(0, 0) - count + 1;
    std::string prev_hash = head.Text(0, 1);
    const auto keys = ChainKeys();
    const std::string key_id = keys ? keys->current_id() : "";
    std::int64_t seq = first;
    for (const auto& [entry, at_ms] : entries) {
        std::string hash = ChainHash(seq, at_ms, entry, prev_hash, key_id, keys.get());
        connection.Execute(kInsert, {seq, at_ms, db::NullIfZero(entry.actor_user_id), entry.action, entry.outcome,
                                     entry.resource_type, entry.resource_id, db::NullIfZero(entry.organization_id),
                                     entry.remote, entry.request_id, entry.detail, prev_hash, hash, key_id});
        prev_hash = std::move(hash);
        ++seq;
    }
    connection.Execute(kSetHeadHash, {prev_hash});
    return first;
}

std::shared_ptr<Batch> Queue(db::Database& database, const Entry& entry, std::int64_t at_ms) {
    auto committer = CommitterOf(database);
    std::lock_guard lock(committer->mutex);
    if (!committer->open) {
        committer->open = std::make_shared<Batch>();
        committer->open->committer = committer;
        committer->open->database = &database;
    }
    committer->open->entries.emplace_back(entry, at_ms);
    return committer->open;
}

thread_local bool resuming = false;  // this thread calls the waiters of a batch now

// Commits the open batch, which someone waits for, and calls its waiters; with `lock` held on
// entry and on return. A waiter that throws is logged and the others are still called.
void CommitOpen(BatchCommitter& committer, std::unique_lock<std::mutex>& lock) {
    const std::shared_ptr<Batch> next = std::move(committer.open);
    committer.open.reset();
    lock.unlock();
    std::exception_ptr error;
    try {
        next->database->Transact([&](db::Connection& connection) { AppendAll(connection, next->entries); });
    } catch (...) {
        error = std::current_exception();
    }
    lock.lock();
    next->done = true;
    next->error = error;
    auto waiting = std::move(next->waiting);
    lock.unlock();
    resuming = true;
    for (auto& waiter : waiting) {
        try {
            waiter(!error);
        } catch (const std::exception& failure) {
            log::Error("audit: a waiter of a commit failed", {{"error", failure.what()}});
        }
    }
    resuming = false;
    lock.lock();
}

bool Waited(const BatchCommitter& committer) { return committer.open && !committer.open->waiting.empty(); }

// Commits the open batch as long as someone waits for it, then lets the next one who waits commit.
void CommitWhileWaited(BatchCommitter& committer, std::unique_lock<std::mutex>& lock) {
    while (Waited(committer)) CommitOpen(committer, lock);
    committer.committing = false;
}

// Calls `resume` once `batch` is committed or failed. When no thread commits now, this one commits
// `batch` (still open: every batch taken is done before the committing thread stops). Those who
// came to wait meanwhile are left to a thread of their own, which commits as long as someone
// waits: the caller's thread (a handler's) goes back to its work after one commit.
void Settle(const std::shared_ptr<Batch>& batch, std::function<void(bool)> resume) {
    const std::shared_ptr<BatchCommitter> committer = batch->committer;
    std::unique_lock lock(committer->mutex);
    if (batch->done) {
        const bool committed = !batch->error;
        lock.unlock();
        resume(committed);
        return;
    }
    batch->waiting.push_back(std::move(resume));
    if (committer->committing) return;
    committer->committing = true;
    CommitOpen(*committer, lock);
    if (!Waited(*committer)) {
        committer->committing = false;
        return;
    }
    try {
        std::thread([committer] {
            std::unique_lock held(committer->mutex);
            CommitWhileWaited(*committer, held);
        }).detach();
    } catch (const std::system_error&) {  // no thread to be had: this one commits for them
        CommitWhileWaited(*committer, lock);
    }
}

// Returns once `batch` is committed; throws why it was not.
void Await(const std::shared_ptr<Batch>& batch) {
    // The commit it would wait for could be its own thread's next.
    if (resuming) throw std::logic_error("audit::Record on the spot from a waiter of a commit");
    std::mutex mutex;
    std::condition_variable finished;
    bool over = false;
    Settle(batch, [&](bool) {
        // Notified under the lock: the waiter, once woken, leaves and takes these with it.
        std::lock_guard lock(mutex);
        over = true;
        finished.notify_one();
    });
    std::unique_lock lock(mutex);
    finished.wait(lock, [&] { return over; });
    std::lock_guard committed(batch->committer->mutex);
    if (batch->error) std::rethrow_exception(batch->error);
}

}  // namespace

Deferral::Deferral() : outer_(current_deferral) { current_deferral = this; }

Deferral::~Deferral() {
    if (current_deferral == this) current_deferral = outer_;
    for (const auto& batch : batches_) {
        try {
            Await(batch);
        } catch (...) {  // NOLINT(bugprone-empty-catch): no answer waits for these; the commit's error was its own
        }
    }
}

Deferral::Hold Deferral::Release() {
    if (current_deferral == this) current_deferral = outer_;
    if (batches_.empty()) return {};
    // Made before the batches leave: if it throws, the destructor still waits for them.
    Hold hold = [batches = batches_](std::function<void(bool)> resume) {
        // Resumed once, when the last of them is done; committed only when all of them are.
        struct Count {
            std::mutex mutex;
            std::size_t left;
            bool committed = true;
            std::function<void(bool)> resume;
        };
        auto count = std::make_shared<Count>();
        count->left = batches.size();
        count->resume = std::move(resume);
        for (const auto& batch : batches) {
            Settle(batch, [count](bool committed) {
                std::unique_lock lock(count->mutex);
                count->committed = count->committed && committed;
                if (--count->left > 0) return;
                lock.unlock();
                count->resume(count->committed);
            });
        }
    };
    batches_.clear();
    return hold;
}

void UseKeys(std::shared_ptr<const crypto::Keyring> keys) {
    std::lock_guard lock(keys_mutex);
    chain_keys = std::move(keys);
}

std::string ChainHash(std::int64_t seq, std::int64_t at_ms, const Entry& entry, std::string_view prev_hash,
                      std::string_view key_id, const crypto::Keyring* keys) {
    std::string canonical;
    auto field = [&canonical](std::string_view value) { canonical += fmt::format("{}:{}|", value.size(), value); };
    field(std::to_string(seq));
    field(std::to_string(at_ms));
    field(std::to_string(entry.actor_user_id));
    field(entry.action);
    field(entry.outcome);
    field(entry.resource_type);
    field(entry.resource_id);
    field(std::to_string(entry.organization_id));
    field(entry.remote);
    field(entry.request_id);
    field(entry.detail);
    field(prev_hash);
    if (key_id.empty()) return crypto::Sha256Hex(canonical);
    field(key_id);
    if (keys == nullptr) throw crypto::SealError("a keyed audit entry needs the key file");
    return HmacSha256Hex(canonical, keys->DeriveKey(key_id, kMacPurpose));
}

std::int64_t Append(db::Connection& connection, const Entry& entry, std::int64_t at_ms) {
    return AppendAll(connection, {{entry, at_ms}});
}

void Record(db::Database& database, const Entry& entry, std::int64_t at_ms) {
    auto batch = Queue(database, entry, at_ms);
    if (current_deferral == nullptr) return Await(batch);
    auto& batches = current_deferral->batches_;
    if (batches.empty() || batches.back() != batch) batches.push_back(std::move(batch));
}

Verification Verify(db::Database& database, const crypto::Keyring* keys) {
    Verification report;
    db::Lease connection = database.Acquire();
    // The head first: entries appended while we read lie beyond it and are left for the next run.
    auto head = connection->Execute(kSelectHead);
    std::int64_t last_seq = 0;
    std::string last_hash(kGenesis);
    auto fail = [&report](std::int64_t seq, std::string reason) {
        report.ok = false;
        report.first_bad_seq = seq;
        report.reason = std::move(reason);
        return report;
    };
    for (;;) {
        if (head.empty() || last_seq >= head.Int(0, 0)) break;
        auto page = connection->Execute(kSelectPage, {last_seq, head.Int(0, 0)});
        if (page.empty()) break;
        for (std::size_t row = 0; row < page.size(); ++row) {
            const std::int64_t seq = page.Int(row, 0);
            ++report.checked;
            if (seq != last_seq + 1) return fail(last_seq + 1, "entry missing (deleted?)");
            Entry entry;
            entry.actor_user_id = page.IsNull(row, 2) ? 0 : page.Int(row, 2);
            entry.action = page.Text(row, 3);
            entry.outcome = page.Text(row, 4);
            entry.resource_type = page.Text(row, 5);
            entry.resource_id = page.Text(row, 6);
            entry.organization_id = page.IsNull(row, 7) ? 0 : page.Int(row, 7);
            entry.remote = page.Text(row, 8);
            entry.request_id = page.Text(row, 9);
            entry.detail = page.Text(row, 10);
            const std::string& prev_hash = page.Text(row, 11);
            const std::string& hash = page.Text(row, 12);
            const std::string& key_id = page.Text(row, 13);
            if (prev_hash != last_hash) return fail(seq, "does not follow the previous entry");
            if (key_id.empty() && keys != nullptr) return fail(seq, "not keyed: written or rewritten without the keys");
            if (!key_id.empty() && keys == nullptr) return fail(seq, "keyed with " + key_id + ": needs the key file");
            std::string expected;
            try {
                expected = ChainHash(seq, page.Int(row, 1), entry, prev_hash, key_id, keys);
            } catch (const crypto::SealError&) {
                return fail(seq, "keyed with " + key_id + ", which is not in the key file");
            }
            if (!crypto::ConstantTimeEqual(expected, hash)) return fail(seq, "content was altered");
            last_seq = seq;
            last_hash = hash;
        }
    }
    if (head.empty()) return fail(last_seq + 1, "audit_head is missing");
    if (head.Int(0, 0) != last_seq) return fail(last_seq + 1, "entries missing at the end (deleted?)");
    if (head.Text(0, 1) != last_hash) return fail(last_seq, "last entry differs from the recorded head");
    return report;
}

std::string AddressOf(std::string_view remote) {
    auto colon = remote.rfind(':');
    if (colon == std::string_view::npos) return std::string(remote);
    return std::string(remote.substr(0, colon));
}

}  // namespace ponte::audit

#include "core/audit/audit.hpp"

#include <fmt/format.h>
#include <sodium.h>

#include <array>
#include <condition_variable>
#include <exception>
#include <map>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include "core/crypto/random.hpp"

namespace ponte::audit {
namespace {

constexpr std::string_view kAdvanceHead = "UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash";
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

// The records of one transaction: those that asked while the one before it was committing.
struct Batch {
    std::vector<std::pair<Entry, std::int64_t>> entries;  // each with its time
    std::vector<std::int64_t> seqs;
    bool done = false;
    std::exception_ptr error;
};

// The records of a database wait their turn here: one transaction at a time appends every record
// that asked meanwhile, so that concurrent records (each audited read makes one) share a commit
// (on SQLite, one fsync of the journal) and a lock of the chain's head instead of queueing for
// them one by one.
struct Committer {
    std::mutex mutex;
    std::condition_variable finished;
    std::shared_ptr<Batch> open;  // the batch that takes new records; null when none waits
    bool committing = false;
};

std::mutex committers_mutex;
std::map<const db::Database*, std::shared_ptr<Committer>> committers;

std::shared_ptr<Committer> CommitterOf(const db::Database& database) {
    std::lock_guard lock(committers_mutex);
    auto& committer = committers[&database];
    if (!committer) committer = std::make_shared<Committer>();
    return committer;
}

}  // namespace

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
    auto head = connection.Execute(kAdvanceHead);
    const std::int64_t seq = head.Int(0, 0);
    const std::string& prev_hash = head.Text(0, 1);
    const auto keys = ChainKeys();
    const std::string key_id = keys ? keys->current_id() : "";
    const std::string hash = ChainHash(seq, at_ms, entry, prev_hash, key_id, keys.get());
    connection.Execute(kSetHeadHash, {hash});
    connection.Execute(kInsert, {seq, at_ms, db::NullIfZero(entry.actor_user_id), entry.action, entry.outcome,
                                 entry.resource_type, entry.resource_id, db::NullIfZero(entry.organization_id),
                                 entry.remote, entry.request_id, entry.detail, prev_hash, hash, key_id});
    return seq;
}

std::int64_t Record(db::Database& database, const Entry& entry, std::int64_t at_ms) {
    const auto committer = CommitterOf(database);
    std::unique_lock lock(committer->mutex);
    if (!committer->open) committer->open = std::make_shared<Batch>();
    const auto batch = committer->open;
    const std::size_t index = batch->entries.size();
    batch->entries.emplace_back(entry, at_ms);
    committer->finished.wait(lock, [&] { return batch->done || !committer->committing; });
    if (!batch->done) {
        // The first of the batch to get its turn commits it, with all that joined it until now.
        committer->committing = true;
        committer->open.reset();
        lock.unlock();
        try {
            database.Transact([&](db::Connection& connection) {
                batch->seqs.clear();
                for (const auto& [queued, at] : batch->entries) batch->seqs.push_back(Append(connection, queued, at));
            });
        } catch (...) {
            batch->error = std::current_exception();
        }
        lock.lock();
        batch->done = true;
        committer->committing = false;
        committer->finished.notify_all();
    }
    if (batch->error) std::rethrow_exception(batch->error);
    return batch->seqs[index];
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

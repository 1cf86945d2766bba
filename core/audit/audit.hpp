// The audit log: logins and their failures, denials, every read and write of protected records
// and admin actions, each as one entry hash-chained to the previous one.
//
// Threading: all functions take the database or a connection and may be called from any thread.
// Appends are ordered by a row lock on audit_head, so concurrent appenders (threads or instances)
// extend one chain.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/crypto/keyring.hpp"
#include "core/db/database.hpp"

namespace ponte::audit {

struct Entry {
    std::int64_t actor_user_id = 0;  // 0: nobody signed in
    std::string action;              // "auth.login", "auth.membership.create", "cases.case.read"
    std::string outcome;             // "ok", "denied", "failed", "throttled"
    std::string resource_type;       // "auth.user", "cases.case"; empty when none
    std::string resource_id;
    std::int64_t organization_id = 0;  // 0: none
    std::string remote;                // client address, without the port
    std::string request_id;
    std::string detail = "{}";  // a small JSON object; never secrets or special-category data
};

// Appends `entry` at time `at_ms` within the caller's transaction, so that a write and its audit
// entry commit together or not at all. Returns the entry's sequence number.
std::int64_t Append(db::Connection& connection, const Entry& entry, std::int64_t at_ms);

// Appends in a transaction of its own (for reads, denials and failures, which write nothing else),
// shared with the records that other threads ask for meanwhile: one commit for all of them.
// Returns once the entry is committed; throws when the shared transaction failed. Within a
// Deferral on this thread, returns at once instead, and the Deferral's hold waits for the commit.
void Record(db::Database& database, const Entry& entry, std::int64_t at_ms);

struct Batch;

// The records of one request that its answer waits for. While a Deferral lives on a thread,
// Record on that thread only queues its entry; Hold() then gives the wait that the answer must
// pass before it goes out. The thread is free meanwhile: it serves other requests while the
// commit that includes these entries runs (on a thread that waits for it, often another's).
//
// Without Hold(), the destructor waits for the commit itself, so that no record is left behind.
class Deferral {
  public:
    // Calls `resume` once the queued entries are committed (true) or their commit failed (false):
    // at once when nothing was queued or the commit happened already, else on the thread that
    // committed them, after the commit. The caller's thread may be the one that commits.
    using Hold = std::function<void(std::function<void(bool committed)> resume)>;

    Deferral();
    ~Deferral();
    Deferral(const Deferral&) = delete;
    Deferral& operator=(const Deferral&) = delete;

    // The wait for what was queued, or an empty function when nothing was. Ends the deferral.
    Hold Release();

  private:
    Deferral* outer_;
    std::vector<std::shared_ptr<Batch>> batches_;
    friend void Record(db::Database&, const Entry&, std::int64_t);
};

// Keys the chain from now on: Append MACs each entry (HMAC-SHA-256) with a key derived from the
// current field-encryption key, and records that key's id. Every process that writes the audit
// log sets it once at start (serve and the commands that change data). Thread-safe.
void UseKeys(std::shared_ptr<const crypto::Keyring> keys);

// The chain digest of an entry over its fields (each length-prefixed), the key id and the previous
// entry's hash: HMAC-SHA-256 under the key derived from `keys`' key `key_id`, or plain SHA-256
// when `key_id` is empty. Pure; exposed for tests.
std::string ChainHash(std::int64_t seq, std::int64_t at_ms, const Entry& entry, std::string_view prev_hash,
                      std::string_view key_id = "", const crypto::Keyring* keys = nullptr);

struct Verification {
    bool ok = true;
    std::int64_t checked = 0;        // entries read
    std::int64_t first_bad_seq = 0;  // the first entry that breaks the chain (0 when ok)
    std::string reason;              // what is wrong with it
};

// Reads the whole chain in order and checks every link and the head. An edited entry fails its
// own hash; a deleted one leaves a gap in the sequence or a broken prev_hash; a deleted tail
// disagrees with audit_head. With `keys`, every entry must be keyed by one of them (a chain
// rebuilt by someone without the key file fails); without, keyed entries cannot be checked and
// fail.
Verification Verify(db::Database& database, const crypto::Keyring* keys);

// The client address of a "host:port" remote, without the port.
std::string AddressOf(std::string_view remote);

}  // namespace ponte::audit

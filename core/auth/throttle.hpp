// Login throttling, stored in the database so that every instance sees the same counts. Each key
// ("account:<email>", "address:<ip>") counts failed sign-ins in a window; reaching the limit locks
// the key out for a while (429 with Retry-After).
#pragma once

#include <cstdint>
#include <string_view>

#include "core/db/database.hpp"

namespace ponte::auth {

struct ThrottleRule {
    int max_failures;
    std::int64_t window_ms;
    std::int64_t lockout_ms;
};

// Per account: a few guesses, then a pause. Per address: more, for a shared connection (an
// association's office, a reception centre), but bounded against one client guessing many accounts.
inline constexpr ThrottleRule kAccountRule{5, 15 * 60'000, 15 * 60'000};
inline constexpr ThrottleRule kAddressRule{50, 15 * 60'000, 15 * 60'000};

// Milliseconds until `key` may try again; 0 when it is not locked out.
std::int64_t LockedFor(db::Connection& connection, std::string_view key, std::int64_t now_ms);

// Counts a failure; locks the key out when it reaches the rule's limit within the window.
void RecordFailure(db::Connection& connection, std::string_view key, std::int64_t now_ms, const ThrottleRule& rule);

// Forgets the key's failures (after a successful sign-in).
void ClearFailures(db::Connection& connection, std::string_view key);

}  // namespace ponte::auth

// Throttling of guesses (passwords, codes), stored in the database so that every instance sees
// the same counts. Each key counts failures in a window; at the rule's limit the key must wait
// (429 with Retry-After): either a fixed lockout, or a delay that doubles with each further
// failure up to a ceiling.
//
// Sign-in uses three keys, so that knowing a woman's address is not enough to lock her out:
//   - the pair (account, client address): a hard lockout, which stops the one who guesses;
//   - the client address alone: a hard lockout at a higher limit (a shared office connection);
//   - the account alone: only a short growing delay, which slows guessing from many addresses
//     without shutting her out for long.
#pragma once

#include "core/outcome.hpp"

#include <cstdint>
#include <string>
#include <string_view>

#include "core/db/database.hpp"

namespace ponte::throttle {

struct ThrottleRule {
    int max_failures;
    std::int64_t window_ms;
    std::int64_t lockout_ms;          // the wait at the limit
    std::int64_t max_lockout_ms = 0;  // 0: a fixed lockout; else the wait doubles up to this
};

// Per (account, address) pair: a few guesses, then a pause for whoever is guessing.
inline constexpr ThrottleRule kPairRule{5, 15 * 60'000, 15 * 60'000};
// Per account from any address: a growing delay (1 s, 2 s, 4 s ... at most a minute), never a lock;
// counted over a day, so that waiting out a window does not start the delay over.
inline constexpr ThrottleRule kAccountRule{5, 24 * 60 * 60'000, 1'000, 60'000};
// Per address: more, for a shared connection (an association's office, a reception centre), but
// bounded against one client guessing many accounts.
inline constexpr ThrottleRule kAddressRule{50, 15 * 60'000, 15 * 60'000};
// Second-factor codes: whoever guesses them already has the password, so a fixed lockout.
inline constexpr ThrottleRule kSecondFactorRule{5, 15 * 60'000, 15 * 60'000};

// Milliseconds until `key` may try again; 0 when it need not wait.
std::int64_t LockedFor(db::Connection& connection, std::string_view key, std::int64_t now_ms);

// Counts a failure; makes the key wait when it reaches the rule's limit within the window.
void RecordFailure(db::Connection& connection, std::string_view key, std::int64_t now_ms, const ThrottleRule& rule);

// 429 with Retry-After for a key that must wait; the detail says what was tried too often and how
// long to wait: its message gets the wait as {minutes}, rounded up to whole minutes.
core::Failure TooManyAttempts(std::int64_t wait_ms, std::string detail_key = "detail.locked_out");

// Forgets the key's failures (after a successful sign-in).
void ClearFailures(db::Connection& connection, std::string_view key);

// The key of a client address (IPv6 by its /64: http::NetworkOf) for guesses of one-time codes.
std::string AddressKey(std::string_view address);

// The name an account is throttled by: its email, or "#<id>" for an account without one.
std::string AccountName(std::string_view email, std::int64_t user_id);

// The sign-in keys of an account (AccountName, or the email typed) from a client address.
struct LoginKeys {
    std::string pair;
    std::string account;
    std::string address;
};
LoginKeys LoginKeysFor(std::string_view email, std::string_view address);
// The key of an account's second-factor codes.
std::string SecondFactorKey(std::int64_t user_id);
// What every pair key of the account starts with (to erase them with the account).
std::string LoginPairPrefix(std::string_view email);

// Milliseconds the sign-in must wait: the longest of the three keys' waits.
std::int64_t LoginWait(db::Connection& connection, const LoginKeys& keys, std::int64_t now_ms);
// Counts a failed sign-in against the three keys.
void RecordLoginFailure(db::Connection& connection, const LoginKeys& keys, std::int64_t now_ms);
// After a successful sign-in: forgets the pair's and the account's failures (not the address's).
void ClearLoginFailures(db::Connection& connection, const LoginKeys& keys);

}  // namespace ponte::throttle

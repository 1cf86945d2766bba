#include "core/throttle/throttle.hpp"

#include <algorithm>
#include <string>

#include "core/http/client_address.hpp"

namespace ponte::throttle {
namespace {

constexpr std::string_view kSelectLock = "SELECT locked_until FROM throttle_keys WHERE key = $1";
// A failure outside the current window starts a new one.
constexpr std::string_view kCountFailure =
    "INSERT INTO throttle_keys (key, failures, window_start, locked_until) VALUES ($1, 1, $2, 0) "
    "ON CONFLICT (key) DO UPDATE SET "
    "failures = CASE WHEN throttle_keys.window_start < $3 THEN 1 ELSE throttle_keys.failures + 1 END, "
    "window_start = CASE WHEN throttle_keys.window_start < $3 THEN $2 ELSE throttle_keys.window_start END "
    "RETURNING failures";
// A fixed lockout starts a new count once it ends.
constexpr std::string_view kLock =
    "UPDATE throttle_keys SET locked_until = $2, failures = 0, window_start = $3 WHERE key = $1";
// A growing delay keeps the count, so that the next failure waits twice as long.
constexpr std::string_view kDelay = "UPDATE throttle_keys SET locked_until = $2 WHERE key = $1";
constexpr std::string_view kDelete = "DELETE FROM throttle_keys WHERE key = $1";

std::int64_t GrowingWait(const ThrottleRule& rule, std::int64_t failures) {
    const std::int64_t doublings = std::min<std::int64_t>(failures - rule.max_failures, 30);
    return std::min(rule.lockout_ms << doublings, rule.max_lockout_ms);
}

}  // namespace

std::int64_t LockedFor(db::Connection& connection, std::string_view key, std::int64_t now_ms) {
    auto rows = connection.Execute(kSelectLock, {std::string(key)});
    if (rows.empty()) return 0;
    return std::max<std::int64_t>(0, rows.Int(0, 0) - now_ms);
}

void RecordFailure(db::Connection& connection, std::string_view key, std::int64_t now_ms, const ThrottleRule& rule) {
    auto rows = connection.Execute(kCountFailure, {std::string(key), now_ms, now_ms - rule.window_ms});
    const std::int64_t failures = rows.Int(0, 0);
    if (failures < rule.max_failures) return;
    if (rule.max_lockout_ms == 0) {
        connection.Execute(kLock, {std::string(key), now_ms + rule.lockout_ms, now_ms});
    } else {
        connection.Execute(kDelay, {std::string(key), now_ms + GrowingWait(rule, failures)});
    }
}

void ClearFailures(db::Connection& connection, std::string_view key) {
    connection.Execute(kDelete, {std::string(key)});
}

std::string SecondFactorKey(std::int64_t user_id) { return "second_factor:" + std::to_string(user_id); }

std::string LoginPairPrefix(std::string_view email) { return "pair:" + std::string(email) + "|"; }

std::string AddressKey(std::string_view address) { return "address:" + http::NetworkOf(address); }

std::string AccountName(std::string_view email, std::int64_t user_id) {
    return email.empty() ? "#" + std::to_string(user_id) : std::string(email);
}

LoginKeys LoginKeysFor(std::string_view email, std::string_view address) {
    // An address has no '|', so the last one ends the email.
    const std::string network = http::NetworkOf(address);
    return {LoginPairPrefix(email) + network, "account:" + std::string(email), "address:" + network};
}

std::int64_t LoginWait(db::Connection& connection, const LoginKeys& keys, std::int64_t now_ms) {
    return std::max({LockedFor(connection, keys.pair, now_ms), LockedFor(connection, keys.account, now_ms),
                     LockedFor(connection, keys.address, now_ms)});
}

void RecordLoginFailure(db::Connection& connection, const LoginKeys& keys, std::int64_t now_ms) {
    RecordFailure(connection, keys.pair, now_ms, kPairRule);
    RecordFailure(connection, keys.account, now_ms, kAccountRule);
    RecordFailure(connection, keys.address, now_ms, kAddressRule);
}

void ClearLoginFailures(db::Connection& connection, const LoginKeys& keys) {
    ClearFailures(connection, keys.pair);
    ClearFailures(connection, keys.account);
}

core::Failure TooManyAttempts(std::int64_t wait_ms, std::string detail_key) {
    // Whole minutes, rounded up: a wait of a few seconds reads "1 minute", never "0 minutes".
    const std::int64_t minutes = std::max<std::int64_t>(1, (wait_ms + 59'999) / 60'000);
    return core::Failure{.fault = core::Fault::kThrottled,
                         .detail_key = std::move(detail_key),
                         .retry_after_ms = wait_ms,
                         .detail_arguments = {{"minutes", minutes}}};
}

}  // namespace ponte::throttle

#include "core/auth/throttle.hpp"

#include <string>

namespace ponte::auth {
namespace {

constexpr std::string_view kSelectLock = "SELECT locked_until FROM auth_throttle WHERE key = $1";
// A failure outside the current window starts a new one.
constexpr std::string_view kCountFailure =
    "INSERT INTO auth_throttle (key, failures, window_start, locked_until) VALUES ($1, 1, $2, 0) "
    "ON CONFLICT (key) DO UPDATE SET "
    "failures = CASE WHEN auth_throttle.window_start < $3 THEN 1 ELSE auth_throttle.failures + 1 END, "
    "window_start = CASE WHEN auth_throttle.window_start < $3 THEN $2 ELSE auth_throttle.window_start END "
    "RETURNING failures";
constexpr std::string_view kLock =
    "UPDATE auth_throttle SET locked_until = $2, failures = 0, window_start = $3 WHERE key = $1";
constexpr std::string_view kDelete = "DELETE FROM auth_throttle WHERE key = $1";

}  // namespace

std::int64_t LockedFor(db::Connection& connection, std::string_view key, std::int64_t now_ms) {
    auto rows = connection.Execute(kSelectLock, {std::string(key)});
    if (rows.empty()) return 0;
    return std::max<std::int64_t>(0, rows.Int(0, 0) - now_ms);
}

void RecordFailure(db::Connection& connection, std::string_view key, std::int64_t now_ms, const ThrottleRule& rule) {
    auto rows = connection.Execute(kCountFailure, {std::string(key), now_ms, now_ms - rule.window_ms});
    if (rows.Int(0, 0) >= rule.max_failures) {
        connection.Execute(kLock, {std::string(key), now_ms + rule.lockout_ms, now_ms});
    }
}

void ClearFailures(db::Connection& connection, std::string_view key) {
    connection.Execute(kDelete, {std::string(key)});
}

}  // namespace ponte::auth

// Database-backed sessions, shared by every app instance. The session id is 256 random bits that
// live only in the client's cookie; the database keeps its SHA-256 digest. Each session has its
// own CSRF token, which the client sends back in X-CSRF-Token on every state-changing request.
//
// A session ends after `idle` without use, after `absolute` in any case, at logout, at "log out
// everywhere", and when its account is disabled.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/db/database.hpp"
#include "core/policy/principal.hpp"

namespace ponte::authentication {

struct SessionOptions {
    std::chrono::milliseconds idle{std::chrono::minutes(30)};
    std::chrono::milliseconds absolute{std::chrono::hours(12)};
    // Secure cookies (with the __Host- prefix). Off only for plain-HTTP localhost.
    bool secure_cookie = true;
    // Staff must pass a second factor (TOTP) in every session. Off only in demo mode; an account
    // that enrolled a TOTP must pass it in any mode.
    bool staff_second_factor = true;
};

struct NewSession {
    std::string id;  // for the cookie only
    std::string csrf_token;
};

NewSession CreateSession(db::Connection& connection, std::int64_t user_id, std::int64_t now_ms,
                         const SessionOptions& options, std::string_view remote, std::string_view user_agent);

// The principal of a live session, with its memberships and whether its second factor is due;
// nullopt when the id is unknown, the session has expired (it is then deleted) or the account is
// disabled. Refreshes the session's
// last use at most once a minute, so that reads do not each cost a write.
std::optional<policy::Principal> ResolveSession(db::Database& database, std::string_view session_id,
                                                std::int64_t now_ms, const SessionOptions& options);

// Records that the session passed its second factor.
void MarkSecondFactorPassed(db::Connection& connection, std::string_view digest, std::int64_t now_ms);

void EndSession(db::Connection& connection, std::string_view digest);
// Ends every session of the user; returns how many.
std::int64_t EndAllSessions(db::Connection& connection, std::int64_t user_id);

// What its owner sees of a session: neither the digest (which finds the session from its cookie)
// nor the address it came from.
struct SessionSummary {
    std::string public_id;  // short and random, given at creation; names the session in the API
    std::int64_t created_at = 0;
    std::int64_t last_seen_at = 0;  // to the minute (see ResolveSession)
    std::string user_agent;         // as the browser sent it at sign-in, at most 200 bytes
    bool current = false;           // the session of `current_digest`
};

// The user's live sessions (neither idle nor past their absolute timeout), the most recently used
// first.
std::vector<SessionSummary> ListSessions(db::Connection& connection, std::int64_t user_id,
                                         std::string_view current_digest, std::int64_t now_ms,
                                         const SessionOptions& options);

// Ends the user's session with this public id; returns its digest, or nullopt when she has no
// session by that id (another person's id and an unknown one alike).
std::optional<std::string> EndSessionByPublicId(db::Connection& connection, std::int64_t user_id,
                                                std::string_view public_id);

// Ends every session of the user but the one with digest `keep_digest`; returns how many.
std::int64_t EndOtherSessions(db::Connection& connection, std::int64_t user_id, std::string_view keep_digest);

// The cookie: "__Host-ponte_session" when secure, "ponte_session" otherwise.
std::string_view CookieName(const SessionOptions& options);
// A Set-Cookie value that stores `id` (HttpOnly, SameSite=Lax, Path=/, Secure when configured).
// Without Max-Age: the browser forgets it when it closes, the server ends it by its timeouts.
std::string SessionCookie(const SessionOptions& options, std::string_view id);
// A Set-Cookie value that removes the cookie.
std::string ClearedSessionCookie(const SessionOptions& options);
// The value of cookie `name` in a Cookie header, if present.
std::optional<std::string> CookieValue(std::string_view cookie_header, std::string_view name);

}  // namespace ponte::authentication

#include "core/authentication/sessions.hpp"

#include "core/accounts/store.hpp"
#include "core/crypto/random.hpp"
#include "core/tenancy/store.hpp"

namespace ponte::authentication {
namespace {

constexpr std::string_view kInsertSession =
    "INSERT INTO authentication_sessions (digest, user_id, csrf_token, created_at, last_seen_at, expires_at, remote, "
    "user_agent, "
    "public_id) VALUES ($1, $2, $3, $4, $4, $5, $6, $7, $8)";
constexpr std::string_view kSelectSession =
    "SELECT s.user_id, s.csrf_token, s.last_seen_at, s.expires_at, u.display_name, u.disabled, s.second_factor_at, "
    "t.confirmed_at, u.locale FROM authentication_sessions s JOIN accounts_users u ON u.id = s.user_id "
    "LEFT JOIN authentication_totp t ON t.user_id = s.user_id WHERE s.digest = $1";
constexpr std::string_view kMarkSecondFactor =
    "UPDATE authentication_sessions SET second_factor_at = $2 WHERE digest = $1";
constexpr std::string_view kTouchSession = "UPDATE authentication_sessions SET last_seen_at = $2 WHERE digest = $1";
constexpr std::string_view kDeleteSession = "DELETE FROM authentication_sessions WHERE digest = $1";
constexpr std::string_view kDeleteUserSessions = "DELETE FROM authentication_sessions WHERE user_id = $1";
constexpr std::string_view kSelectUserSessions =
    "SELECT public_id, created_at, last_seen_at, user_agent, digest FROM authentication_sessions "
    "WHERE user_id = $1 AND expires_at > $2 AND last_seen_at > $3 ORDER BY last_seen_at DESC, created_at DESC";
constexpr std::string_view kDeleteSessionByPublicId =
    "DELETE FROM authentication_sessions WHERE user_id = $1 AND public_id = $2 RETURNING digest";
constexpr std::string_view kDeleteOtherSessions =
    "DELETE FROM authentication_sessions WHERE user_id = $1 AND digest <> $2";

constexpr std::int64_t kTouchEveryMs = 60'000;
// 96 bits: never the same twice in practice (the unique index would refuse it), and short in a URL.
constexpr std::size_t kPublicIdBytes = 12;

}  // namespace

NewSession CreateSession(db::Connection& connection, std::int64_t user_id, std::int64_t now_ms,
                         const SessionOptions& options, std::string_view remote, std::string_view user_agent) {
    NewSession session{crypto::RandomToken(32), crypto::RandomToken(32)};
    connection.Execute(kInsertSession, {crypto::Sha256Hex(session.id), user_id, session.csrf_token, now_ms,
                                        now_ms + options.absolute.count(), std::string(remote),
                                        std::string(user_agent.substr(0, 200)), crypto::RandomToken(kPublicIdBytes)});
    return session;
}

std::optional<policy::Principal> ResolveSession(db::Database& database, std::string_view session_id,
                                                std::int64_t now_ms, const SessionOptions& options) {
    if (session_id.empty() || session_id.size() > 100) return std::nullopt;
    const std::string digest = crypto::Sha256Hex(session_id);
    db::Lease connection = database.Acquire();
    auto rows = connection->Execute(kSelectSession, {digest});
    if (rows.empty()) return std::nullopt;
    const std::int64_t last_seen = rows.Int(0, 2);
    const bool expired = now_ms >= rows.Int(0, 3) || now_ms - last_seen >= options.idle.count();
    if (expired || rows.Int(0, 5) != 0) {
        connection->Execute(kDeleteSession, {digest});
        return std::nullopt;
    }
    if (now_ms - last_seen >= kTouchEveryMs) connection->Execute(kTouchSession, {digest, now_ms});
    policy::Principal principal;
    principal.user_id = rows.Int(0, 0);
    principal.csrf_token = rows.Text(0, 1);
    principal.display_name = rows.Text(0, 4);
    principal.locale = rows.Text(0, 8);
    principal.session_digest = digest;
    principal.memberships = tenancy::ListMemberships(*connection, principal.user_id);
    principal.second_factor_enrolled = !rows.IsNull(0, 7);
    principal.second_factor_passed = !rows.IsNull(0, 6);
    principal.second_factor_due =
        rows.IsNull(0, 6) && (principal.second_factor_enrolled || (options.staff_second_factor && principal.IsStaff()));
    return principal;
}

void MarkSecondFactorPassed(db::Connection& connection, std::string_view digest, std::int64_t now_ms) {
    connection.Execute(kMarkSecondFactor, {std::string(digest), now_ms});
}

void EndSession(db::Connection& connection, std::string_view digest) {
    connection.Execute(kDeleteSession, {std::string(digest)});
}

std::int64_t EndAllSessions(db::Connection& connection, std::int64_t user_id) {
    return connection.Execute(kDeleteUserSessions, {user_id}).affected_rows;
}

std::vector<SessionSummary> ListSessions(db::Connection& connection, std::int64_t user_id,
                                         std::string_view current_digest, std::int64_t now_ms,
                                         const SessionOptions& options) {
    auto rows = connection.Execute(kSelectUserSessions, {user_id, now_ms, now_ms - options.idle.count()});
    std::vector<SessionSummary> sessions;
    sessions.reserve(rows.size());
    for (std::size_t row = 0; row < rows.size(); ++row) {
        sessions.push_back({.public_id = rows.Text(row, 0),
                            .created_at = rows.Int(row, 1),
                            .last_seen_at = rows.Int(row, 2),
                            .user_agent = rows.Text(row, 3),
                            .current = rows.Text(row, 4) == current_digest});
    }
    return sessions;
}

std::optional<std::string> EndSessionByPublicId(db::Connection& connection, std::int64_t user_id,
                                                std::string_view public_id) {
    auto rows = connection.Execute(kDeleteSessionByPublicId, {user_id, std::string(public_id)});
    if (rows.empty()) return std::nullopt;
    return rows.Text(0, 0);
}

std::int64_t EndOtherSessions(db::Connection& connection, std::int64_t user_id, std::string_view keep_digest) {
    return connection.Execute(kDeleteOtherSessions, {user_id, std::string(keep_digest)}).affected_rows;
}

std::string_view CookieName(const SessionOptions& options) {
    return options.secure_cookie ? "__Host-ponte_session" : "ponte_session";
}

std::string SessionCookie(const SessionOptions& options, std::string_view id) {
    std::string cookie = std::string(CookieName(options)) + "=" + std::string(id) + "; Path=/; HttpOnly; SameSite=Lax";
    if (options.secure_cookie) cookie += "; Secure";
    return cookie;
}

std::string ClearedSessionCookie(const SessionOptions& options) {
    std::string cookie = std::string(CookieName(options)) + "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax";
    if (options.secure_cookie) cookie += "; Secure";
    return cookie;
}

std::optional<std::string> CookieValue(std::string_view header, std::string_view name) {
    while (!header.empty()) {
        auto end = header.find(';');
        std::string_view pair = header.substr(0, end);
        header = end == std::string_view::npos ? std::string_view{} : header.substr(end + 1);
        while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
        auto equals = pair.find('=');
        if (equals != std::string_view::npos && pair.substr(0, equals) == name) {
            return std::string(pair.substr(equals + 1));
        }
    }
    return std::nullopt;
}

}  // namespace ponte::authentication

#include "core/calendar/feeds.hpp"

#include <sodium.h>

#include <algorithm>
#include <stdexcept>

#include "core/crypto/random.hpp"

namespace ponte::calendar {
namespace {

constexpr std::size_t kTokenBytes = 32;
constexpr std::size_t kTokenLength = 43;  // 32 bytes in unpadded base64url

constexpr std::string_view kRevoke =
    "UPDATE calendar_feeds SET revoked_at = $3 WHERE owner_user_id = $1 AND scope = $2 AND revoked_at IS NULL";
constexpr std::string_view kInsert =
    "INSERT INTO calendar_feeds (owner_user_id, scope, token_hash, created_at) VALUES ($1, $2, $3, $4)";
constexpr std::string_view kFind =
    "SELECT id, owner_user_id, scope FROM calendar_feeds WHERE token_hash = $1 AND revoked_at IS NULL";
constexpr std::string_view kIssuedAt =
    "SELECT created_at FROM calendar_feeds WHERE owner_user_id = $1 AND scope = $2 AND revoked_at IS NULL";
constexpr std::string_view kSelectOwn =
    "SELECT scope, created_at, revoked_at FROM calendar_feeds WHERE owner_user_id = $1 ORDER BY created_at, id";
constexpr std::string_view kDeleteOwn = "DELETE FROM calendar_feeds WHERE owner_user_id = $1";

// Whether `token` can be one that IssueFeed made: anything else is not looked up at all.
bool WellFormed(std::string_view token) {
    return token.size() == kTokenLength && std::ranges::all_of(token, [](char c) {
               return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                      c == '_';
           });
}

}  // namespace

std::string FeedTokenHash(std::string_view token) {
    crypto::EnsureInitialized();
    unsigned char digest[crypto_generichash_BYTES];  // 32: BLAKE2b-256
    // Unkeyed: the token is 256 random bits, so its digest cannot be reversed by guessing.
    crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(token.data()), token.size(),
                       nullptr, 0);
    std::string hex(2 * sizeof digest + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), digest, sizeof digest);
    hex.pop_back();
    return hex;
}

std::string IssueFeed(db::Connection& connection, std::int64_t owner_user_id, std::string_view scope,
                      std::int64_t now_ms) {
    if (scope.empty()) throw std::invalid_argument("a calendar feed needs a scope");
    RevokeFeed(connection, owner_user_id, scope, now_ms);
    std::string token = crypto::RandomToken(kTokenBytes);
    connection.Execute(kInsert, {owner_user_id, std::string(scope), FeedTokenHash(token), now_ms});
    return token;
}

bool RevokeFeed(db::Connection& connection, std::int64_t owner_user_id, std::string_view scope, std::int64_t now_ms) {
    return connection.Execute(kRevoke, {owner_user_id, std::string(scope), now_ms}).affected_rows > 0;
}

std::optional<Feed> FindFeed(db::Connection& connection, std::string_view token) {
    if (!WellFormed(token)) return std::nullopt;
    auto rows = connection.Execute(kFind, {FeedTokenHash(token)});
    if (rows.empty()) return std::nullopt;
    return Feed{.id = rows.Int(0, 0), .owner_user_id = rows.Int(0, 1), .scope = rows.Text(0, 2)};
}

std::optional<std::int64_t> FeedIssuedAt(db::Connection& connection, std::int64_t owner_user_id,
                                         std::string_view scope) {
    auto rows = connection.Execute(kIssuedAt, {owner_user_id, std::string(scope)});
    if (rows.empty()) return std::nullopt;
    return rows.Int(0, 0);
}

boost::json::array ExportFeeds(db::Connection& connection, std::int64_t owner_user_id) {
    auto rows = connection.Execute(kSelectOwn, {owner_user_id});
    boost::json::array feeds;
    feeds.reserve(rows.size());
    for (std::size_t row = 0; row < rows.size(); ++row) {
        feeds.push_back({{"scope", rows.Text(row, 0)},
                         {"created_at", rows.Int(row, 1)},
                         {"revoked_at", rows.IsNull(row, 2) ? boost::json::value(nullptr) : rows.Int(row, 2)}});
    }
    return feeds;
}

void EraseFeeds(db::Connection& connection, std::int64_t owner_user_id) {
    connection.Execute(kDeleteOwn, {owner_user_id});
}

}  // namespace ponte::calendar

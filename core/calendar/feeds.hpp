// Feed tokens: the secret in the address a calendar program subscribes to (".../feeds/<token>.ics").
// Calendar programs cannot sign in, so whoever holds the address reads the feed; the token is
// therefore 256 random bits, shown to its owner once, kept only as its BLAKE2b digest, and
// revocable. Each owner has at most one live feed per scope, a word of the module that serves it
// ("cases.worker": a worker's appointments); issuing a new one revokes the old address.
//
// Every function works in the caller's transaction on the caller's connection; the caller checks
// who may issue or revoke and writes the audit entry in the same transaction.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/db/database.hpp"

namespace ponte::calendar {

// A live feed, as found from its token.
struct Feed {
    std::int64_t id = 0;
    std::int64_t owner_user_id = 0;
    std::string scope;
};

// Issues a feed of `scope` for the user and returns its token (43 characters of base64url), to
// show once: it cannot be read back. Revokes the owner's live feed of that scope, if any, at
// `now_ms`. Precondition: `scope` is not empty. Throws db::UniqueViolation in the unlikely case
// that two transactions issue a feed for the same owner and scope at once (retry the later one).
std::string IssueFeed(db::Connection& connection, std::int64_t owner_user_id, std::string_view scope,
                      std::int64_t now_ms);

// Revokes the owner's live feed of `scope` at `now_ms`: its address stops working. Returns
// whether there was one.
bool RevokeFeed(db::Connection& connection, std::int64_t owner_user_id, std::string_view scope, std::int64_t now_ms);

// The live feed whose token is `token`; nullopt for a revoked, unknown or malformed token.
std::optional<Feed> FindFeed(db::Connection& connection, std::string_view token);

// When the owner's live feed of `scope` was issued (milliseconds), or nullopt when she has none:
// for a page that says "your calendar address, made on ...".
std::optional<std::int64_t> FeedIssuedAt(db::Connection& connection, std::int64_t owner_user_id,
                                         std::string_view scope);

// For the personal-data registry: her feeds (scope, when issued, when revoked), never their
// digests, the earliest first.
boost::json::array ExportFeeds(db::Connection& connection, std::int64_t owner_user_id);
// Deletes all her feeds, live and revoked: their addresses stop working.
void EraseFeeds(db::Connection& connection, std::int64_t owner_user_id);

// What is stored of `token`: its BLAKE2b-256 digest (crypto_generichash) as 64 hex digits.
std::string FeedTokenHash(std::string_view token);

}  // namespace ponte::calendar

// Lists are read a page at a time: `?limit=` rows (kDefaultPageSize unless given, at most
// kMaxPageSize) after `?cursor=`, the opaque `next_cursor` of the page before. Pages are cut on
// the list's sort key and the row id (keyset pagination, never OFFSET), so that a row inserted or
// deleted meanwhile neither repeats nor hides another.
//
// A cursor is signed (crypto_auth, HMAC-SHA-512-256, under a key derived from the key file) and
// bound to the list it came from (the request path) and to its caller: a cursor that was edited,
// comes from another list or another person, or was signed under a key no longer in the key file,
// is answered 400 naming the parameter `cursor`, and the caller starts again from the first page.
//
//   auto page = core::ReadPage(request, keyring);            // 400 on a bad limit or cursor
//   if (!page) return std::move(page.failure());
//   std::vector<db::Value> params = {organization_id};
//   const std::string sql = std::string(kSelect) + " AND " + core::After(*page, "u.name", "u.id", params) +
//                           " ORDER BY u.name, u.id LIMIT " + core::FetchLimit(*page, params);
//   ... keep page->limit rows; when a further row came back, the last kept row's position is next:
//   body["next_cursor"] = core::NextCursor(request, keyring, next);  // null without one
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/crypto/keyring.hpp"
#include "core/db/database.hpp"
#include "core/http/message.hpp"
#include "core/outcome.hpp"

namespace ponte::core {

inline constexpr std::int64_t kDefaultPageSize = 50;
inline constexpr std::int64_t kMaxPageSize = 200;

// The OpenAPI description of `limit` and `cursor`, for the route row of a list.
boost::json::array PageParameters();

// A row's place in its list: its sort key (an integer or a text) and its id.
struct Position {
    db::Value key;
    std::int64_t id = 0;
};

struct PageRequest {
    std::int64_t limit = kDefaultPageSize;
    std::optional<Position> after;  // none: the first page
};

// One page of a list, as a store reads it: its rows, and the position after which the next page
// starts (none at the end of the list).
template <typename Row>
struct Page {
    std::vector<Row> items;
    std::optional<Position> next;
};

// The page the request asks for. kBadParameter naming "limit" (not a whole number from 1 to
// kMaxPageSize: code "format", "too_small" or "too_large") or "cursor" (code "invalid_cursor").
Outcome<PageRequest> ReadPage(const http::Request& request, const crypto::Keyring& keyring);

// The cursor of the page that starts after `last`, for this request's list and caller.
std::string IssueCursor(const http::Request& request, const crypto::Keyring& keyring, const Position& last);

// `next_cursor` of a list answer: the cursor after `next`, or null at the end of the list.
boost::json::value NextCursor(const http::Request& request, const crypto::Keyring& keyring,
                              const std::optional<Position>& next);

// The condition "rows after the page's start" over the sort key and id columns, "(1 = 1)" on the
// first page; its parameters are appended to `params` (numbered after those already there).
std::string After(const PageRequest& page, std::string_view key_column, std::string_view id_column,
                  std::vector<db::Value>& params);

// The same for a list sorted in descending order (newest first): "rows before the page's start".
std::string Before(const PageRequest& page, std::string_view key_column, std::string_view id_column,
                   std::vector<db::Value>& params);

// The parameter ("$n") of the LIMIT to fetch: one row more than the page, to know whether another
// page follows.
std::string FetchLimit(const PageRequest& page, std::vector<db::Value>& params);

}  // namespace ponte::core

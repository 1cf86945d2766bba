// Updates say which version of the record they change, so that two people editing the same record
// never overwrite each other unknowingly. A record keeps a version number (a `version` column,
// one more at every change); reads and writes send it as the ETag ("\"7\""), and an update must
// send it back in If-Match:
//
//   auto expected = core::ExpectedVersion(request);      // 428 without If-Match
//   if (!expected) return std::move(expected.failure());
//   ... in the transaction, read the current version under the row's write lock;
//   if (current != *expected) return core::StaleVersion();  // 412
//   ... change the record (version = version + 1), answer with core::SetETag(response, current + 1).
#pragma once

#include <boost/json/array.hpp>
#include <cstdint>
#include <string>

#include "core/http/message.hpp"
#include "core/outcome.hpp"

namespace ponte::core {

// The strong entity tag of a version: "\"7\"".
std::string ETag(std::int64_t version);

// Sets the response's ETag header to that of `version`.
void SetETag(http::Response& response, std::int64_t version);

// The version the request's If-Match names. kVersionRequired (428) when the header is missing,
// empty or "*" (which names no version, so would not prevent a lost update); kStale (412) when it
// names no version of ours (a weak or malformed tag, or several tags), as it can match none.
Outcome<std::int64_t> ExpectedVersion(const http::Request& request);

// The OpenAPI description of the If-Match header, for the route row of an update.
boost::json::array IfMatchParameter();

// The answer for an update whose If-Match names another version than the current one.
Failure StaleVersion();

}  // namespace ponte::core

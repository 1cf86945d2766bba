// What every feature's handlers share, whatever module they belong to: one way to bind a handler
// to its module's state, the clock, ids from paths, the audit entry of a request and the answer
// for a record the caller may not know exists.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/audit/audit.hpp"
#include "core/db/database.hpp"
#include "core/http/router.hpp"
#include "core/outcome.hpp"

namespace ponte::core {

// Milliseconds since the epoch, UTC.
std::int64_t NowMs();

// A positive decimal id ("42"), as path parameters and cursors carry them; nullopt otherwise.
std::optional<std::int64_t> ParseId(std::string_view text);

// The route handler that calls `handler(state, request)`: the one way a module binds its handlers
// to what they share (its database, keys, options), which lives as long as any route holds it.
template <typename State>
http::Handler Bind(std::shared_ptr<State> state, http::Reply (*handler)(State&, const http::Request&)) {
    return [state = std::move(state), handler](const http::Request& request) { return handler(*state, request); };
}

// An audit entry of the request: its caller (if any), address and request id, the action and the
// outcome, and the record it is about (when `resource_type` is given; an id of 0 names none).
audit::Entry AuditEntry(const http::Request& request, std::string action, std::string outcome,
                        std::string resource_type = "", std::int64_t resource_id = 0);

// The failure for a record the caller may not see, the same as for one that does not exist
// (entry.outcome says which: "denied" or "not_found"). Both are audited, so that they also take
// the same time and a stopwatch cannot tell them apart.
Failure NotFoundAudited(db::Database& database, const audit::Entry& entry);

// The address people open Ponte at, for links in QR codes and mails: `public_url` when configured,
// else this request's Host (https when cookies are Secure).
std::string PublicBaseUrl(std::string_view public_url, bool secure, const http::Request& request);

}  // namespace ponte::core

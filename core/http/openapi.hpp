// The OpenAPI 3.1 document, built from the route table: a route cannot be served without being
// described, since both come from the same row.
#pragma once

#include <boost/json.hpp>
#include <string_view>

#include "core/http/router.hpp"

namespace ponte::http {

// Describes every route under /api/ (plus /healthz and /metrics): operationId, summary, tag,
// path parameters, request body schema, success response and the problem responses.
boost::json::object BuildOpenApi(const Router& router, std::string_view version);

// A route's JSON Schema from its text. Precondition: well-formed JSON (a program constant).
inline boost::json::value Schema(std::string_view json) { return boost::json::parse(json); }

}  // namespace ponte::http

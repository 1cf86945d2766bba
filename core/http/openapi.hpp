// The OpenAPI 3.1 document, built from the route table: a route cannot be served without being
// described, since both come from the same row.
#pragma once

#include <boost/json/object.hpp>
#include <string_view>

#include "core/http/router.hpp"

namespace ponte::http {

// Describes every route under /api/ (plus /healthz and /metrics): operationId, summary, tag,
// path parameters, request body schema, success response and the problem responses.
boost::json::object BuildOpenApi(const Router& router, std::string_view version);

}  // namespace ponte::http

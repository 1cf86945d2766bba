// A route's request-body JSON Schema, compiled once at start, that validates every body before
// its handler runs (through valijson). The schema in the route row is the one the OpenAPI
// document shows and the only one that checks shape, types, bounds and unknown fields: handlers
// read values the schema has accepted, and check only what a schema cannot say (JsonFields).
#pragma once

#include <boost/json/value.hpp>
#include <memory>
#include <vector>

#include "core/outcome.hpp"

namespace ponte::http {

class BodySchema {
  public:
    // Throws std::invalid_argument when `schema` is not a JSON Schema valijson can read.
    explicit BodySchema(const boost::json::value& schema);
    ~BodySchema();
    BodySchema(const BodySchema&) = delete;
    BodySchema& operator=(const BodySchema&) = delete;

    // Every way `body` breaks the schema, one entry per field with the project's codes: "required"
    // (missing, or an empty string where one is needed), "unknown", "type", "too_short",
    // "too_long", "too_small", "too_large", "format" (enum, pattern), "invalid" (anything else).
    // Nested fields are named with dots ("address.city"); the body itself is "". Empty when valid.
    std::vector<core::FieldError> Check(const boost::json::value& body) const;

  private:
    struct Compiled;
    std::unique_ptr<Compiled> compiled_;
};

}  // namespace ponte::http

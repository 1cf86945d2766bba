// One error taxonomy for the whole API (RFC 9457 problem details).
//
// Every error a client can see is a ProblemKind. Describe() maps each kind, in one switch without
// a default, to its HTTP status, its stable `type` URI and the message key of its translated
// title. A Problem keeps the internal message (for the log) apart from what the client sees.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/http/message.hpp"
#include "core/i18n/arguments.hpp"
#include "core/outcome.hpp"

namespace ponte::http {

enum class ProblemKind {
    kBadRequest,            // malformed HTTP or request target
    kMalformedJson,         // body is not well-formed JSON (or not UTF-8)
    kInvalidFields,         // JSON is well-formed but fields are missing, unknown or invalid
    kUnsupportedMediaType,  // wrong Content-Type for the route
    kUnauthorized,          // credentials missing or wrong
    kForbidden,
    kNotFound,
    kMethodNotAllowed,
    kRequestTimeout,
    kConflict,
    kPreconditionFailed,
    kPreconditionRequired,
    kPayloadTooLarge,
    kHeadersTooLarge,
    kTooManyRequests,
    kInternal,
    kUnavailable,
};

struct ProblemInfo {
    int status;
    std::string_view type;       // stable URI path, e.g. "/problems/not-found"
    std::string_view title_key;  // message catalogue key of the title
};

ProblemInfo Describe(ProblemKind kind);

using core::FieldError;

struct Problem {
    ProblemKind kind = ProblemKind::kInternal;
    std::string detail_key;  // optional message key of a translated detail
    std::string internal;    // for the log only; never sent to the client
    std::vector<FieldError> errors;
    std::vector<std::string> allow;    // for kMethodNotAllowed: the Allow header's methods
    Headers headers;                   // extra response headers (Retry-After, Set-Cookie)
    i18n::Arguments detail_arguments;  // the values the detail's message is formatted with
};

// The problem that answers a use case's failure: the one place where the domain's words meet HTTP's.
Problem ProblemFor(core::Failure failure);

// Renders a problem as an application/problem+json response in `locale` ("en", "ar", ...).
// The body carries type, title, status, detail (when given), instance (the request path; left
// out when empty, as for a request whose target could not be read),
// request_id and, for invalid fields, an `errors` array naming each field.
Response RenderProblem(const Problem& problem, std::string_view locale, std::string_view instance,
                       std::string_view request_id);

}  // namespace ponte::http

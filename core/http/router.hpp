// Routes are data: each row is (method, path template, handler, policy action, OpenAPI operation).
// The router, /api/v1/openapi.json and the authorization-matrix test all read the same rows.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>

#include "core/http/body_schema.hpp"
#include "core/http/message.hpp"
#include "core/http/problem.hpp"
#include "core/outcome.hpp"

namespace ponte::http {

// What a handler returns: a response, or the failure that the server renders as problem+json in
// the client's language (ProblemFor).
using Reply = core::Outcome<Response>;
using Handler = std::function<Reply(const Request&)>;

// A route row: the method and path it answers, the policy action it takes, what it is in the
// OpenAPI document, and its handler. Written with designated initializers, leaving out what does
// not apply:
//   registry.AddRoute({.method = Method::kGet, .path = "/api/v1/consents/{user_id}",
//                      .policy_action = "consents.record.read", .id = "listConsents", .summary = "...",
//                      .tag = "consents", .response = Schema(...), .errors = {401, 403, 404},
//                      .handler = core::Bind(module, &ListConsents)});
struct Route {
    Method method = Method::kGet;
    std::string path;           // template: "/api/v1/cases/{case_id}"
    std::string policy_action;  // "public" or "<module>.<resource>.<verb>"; read by the policy
    std::string id;             // operationId, unique, camelCase
    std::string summary;        // one line
    std::string tag;            // the module word, e.g. "ops", "auth"
    // OpenAPI parameter objects besides the path's own: query parameters (core::PageParameters)
    // and headers (core::IfMatchParameter).
    boost::json::array parameters;
    // JSON Schema of the request body: a route with one takes a JSON body, which the server checks
    // against it before the handler runs (BodySchema); null: the route takes no body.
    boost::json::value request;
    // A route that takes a file as its raw body instead (an upload): the media types it accepts,
    // for the OpenAPI document; the handler reads request.body itself and checks what it holds.
    std::vector<std::string> file_types;
    // The largest body the route takes, for one that takes more than the server's limit
    // (ServerOptions::max_body_bytes), such as a file; 0: the server's limit. Larger: 413.
    std::size_t max_body_bytes = 0;
    boost::json::value response;  // JSON Schema of the 2xx body; null for none
    std::string media_type;       // of the 2xx body, for the OpenAPI document; empty: application/json
    int status = 200;             // the success status
    std::vector<int> errors;      // problem statuses the route can answer besides 4xx basics
    Handler handler;
    // CPU-heavy (password hashing): the server runs it on its small bounded pool instead of the
    // connection's event loop, so that it cannot hold up other requests.
    bool heavy = false;
    // Answered on the connection's event loop, like a 404: for a route that neither waits nor
    // computes (the metrics scrape reads counters), so that it answers even while the pools are
    // full, which is when it is most needed. Its guard must not wait either (a public route's).
    bool on_loop = false;
    // Compiled from `request` by the Router.
    std::shared_ptr<const BodySchema> body_schema;

    bool TakesJson() const { return !request.is_null(); }
    bool TakesFile() const { return !file_types.empty(); }
};

// The outcome of matching a request.
struct Match {
    const Route* route = nullptr;  // set when method and path match
    std::size_t index = 0;         // the route's position in routes(), for per-route metrics
    std::vector<std::pair<std::string, std::string>> params;
    std::vector<std::string> allowed;  // when the path matched but not the method: the Allow list
};

class Router {
  public:
    // Builds the router; throws std::invalid_argument on a malformed template or a duplicate
    // (method, template) so that a mistake stops the program at start, not at the first request.
    explicit Router(std::vector<Route> routes);

    // Matches a decoded path. HEAD falls back to GET when no HEAD route exists. Literal segments
    // win over parameters ("/cases/new" before "/cases/{id}").
    Match Find(Method method, std::string_view path) const;
    // True when some route is heavy; then only POST ones are (a heavy GET would be refused at start).
    bool HasHeavyRoutes() const { return has_heavy_; }
    // The largest Route::max_body_bytes of any route (0 when none sets one).
    std::size_t LargestBodyLimit() const { return largest_body_; }

    const std::vector<Route>& routes() const { return routes_; }

  private:
    struct Segment {
        std::string text;
        bool is_param = false;
    };
    std::vector<Route> routes_;
    std::vector<std::vector<Segment>> segments_;  // parallel to routes_
    bool has_heavy_ = false;
    std::size_t largest_body_ = 0;
};

// Splits a path on '/', ignoring the leading one: "/a/b" -> {"a", "b"}; "/" -> {}.
std::vector<std::string_view> SplitPath(std::string_view path);

}  // namespace ponte::http

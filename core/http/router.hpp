// Routes are data: each row is (method, path template, handler, policy action, OpenAPI operation).
// The router, /api/v1/openapi.json and the authorization-matrix test all read the same rows.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include <boost/json/value.hpp>

#include "core/http/message.hpp"
#include "core/http/problem.hpp"

namespace ponte::http {

// What a handler returns: a response, or a problem that the server renders as problem+json in
// the client's language.
using Reply = std::variant<Response, Problem>;
using Handler = std::function<Reply(const Request&)>;

// How the route expects its request body; the server checks it before the handler runs.
enum class BodyKind { kNone, kJson };

// The route's entry in the OpenAPI document.
struct Operation {
    std::string id;                      // operationId, unique, camelCase
    std::string summary;                 // one line
    std::string tag;                     // the module word, e.g. "ops", "auth"
    boost::json::value request_schema;   // JSON Schema of the body; null when BodyKind::kNone
    boost::json::value response_schema;  // JSON Schema of the 2xx body; null for none
    int success_status = 200;
    std::vector<int> error_statuses;  // problem statuses the route can answer besides 4xx basics
};

struct Route {
    Method method = Method::kGet;
    std::string path;           // template: "/api/v1/cases/{case_id}"
    std::string policy_action;  // "public" or "<module>.<resource>.<verb>"; read by the policy
    BodyKind body = BodyKind::kNone;
    Operation operation;
    Handler handler;
    // CPU-heavy (password hashing): the server runs it on its small bounded pool instead of the
    // connection's event loop, so that it cannot hold up other requests.
    bool heavy = false;
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

    const std::vector<Route>& routes() const { return routes_; }

  private:
    struct Segment {
        std::string text;
        bool is_param = false;
    };
    std::vector<Route> routes_;
    std::vector<std::vector<Segment>> segments_;  // parallel to routes_
    bool has_heavy_ = false;
};

// Splits a path on '/', ignoring the leading one: "/a/b" -> {"a", "b"}; "/" -> {}.
std::vector<std::string_view> SplitPath(std::string_view path);

}  // namespace ponte::http

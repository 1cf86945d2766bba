// From a parsed request to a response: a pure function of the request and the server's routes,
// with the middleware every response goes through. Transport-free, so unit tests and the fuzzer
// reach it without a socket.
//
// For each request: negotiate the language, assign a request id, match the route (405 with
// Allow, static files, 404), check the body's content type, run the handler, render problems
// as problem+json, add security headers, record metrics and write the JSON access log line.
#pragma once

#include <algorithm>
#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "core/http/client_address.hpp"
#include "core/http/message.hpp"
#include "core/http/router.hpp"
#include "core/http/static_files.hpp"
#include "core/metrics/metrics.hpp"

namespace ponte::http {

// Runs after routing and before the handler: establishes who calls (request.principal) and may
// refuse with a problem (not signed in, cross-site request, role without the action).
using Guard = std::function<std::optional<Problem>(Request& request, const Route& route)>;

// Runs each route's guard and handler, on their thread, as `handle()`: returns its response, with
// a hold (Response::hold) when something they started must end before it goes out. Not for the
// routes that run on the event loop (Route::on_loop), which must not wait.
using Scope = std::function<Response(const std::function<Response()>& handle)>;

class Dispatcher {
  public:
    // All pointers must outlive the dispatcher; `static_files` may be null.
    Dispatcher(const Router* router, const StaticFiles* static_files, metrics::Registry* metrics, bool access_log);

    // Handles a request whose method, target, headers and body are set. Never throws: a failing
    // handler gives a 500 (or 503 for an unavailable database) with the cause in the log only.
    Response Handle(Request& request) const;

    // The response for a request that could not be parsed (the server's limits and timeouts):
    // problem+json with the security headers, counted and logged like any other.
    Response Reject(Request& request, ProblemKind kind) const;

    // The answer to a request whose response could not go out because what it held for failed
    // (Response::hold): a 503 problem with Retry-After, under the request's own id. Counted and
    // logged as the held response would have been, by the hold that Handle gave it.
    Response Unavailable(const Request& request) const;

    // Installs the guard. Call before serving; without one every route runs unguarded.
    void SetGuard(Guard guard) { guard_ = std::move(guard); }

    // Installs the scope. Call before serving; without one a handler's response holds nothing.
    void SetScope(Scope scope) { scope_ = std::move(scope); }

    // Adds Strict-Transport-Security to every response: for a server that is reached over TLS only
    // (behind a TLS-terminating proxy). Call before serving.
    void SetStrictTransportSecurity(bool on) { strict_transport_security_ = on; }

    // Takes the client's address (request.remote, for the throttle, the audit log and the access
    // log) from X-Forwarded-For when the TCP peer is one of `proxies`; see ClientAddress. Call
    // before serving; without it X-Forwarded-For is ignored.
    void SetTrustedProxies(TrustedProxies proxies) { trusted_proxies_ = std::move(proxies); }

    // Where the server runs a request: on the connection's event loop when no route handler
    // answers it (static files, 404, 405, an undecodable target), on the handler pool for a route
    // (its handler may wait on the database), on the heavy pool for a heavy route (Route::heavy), and
    // on the loop again for a route that asks for it (Route::on_loop).
    enum class Lane { kLoop, kHandler, kHeavy };
    Lane LaneOf(const Request& request) const;

    // The largest body the request's route takes (Route::max_body_bytes), else `server_limit`:
    // read from the request line alone, before the body is.
    std::size_t BodyLimitOf(const Request& request, std::size_t server_limit) const;
    // The largest body any route takes, at least `server_limit`: the limit to read a header under.
    std::size_t LargestBodyLimit(std::size_t server_limit) const {
        return std::max(server_limit, router_->LargestBodyLimit());
    }

    // The registry the dispatcher records requests in, to which the server adds its pools' use.
    metrics::Registry& metrics() const { return *metrics_; }

  private:
    Response RouteRequest(Request& request, std::string_view locale, std::size_t& slot) const;
    Response HandleRoute(Request& request, const Route& route,
                         const std::function<Response(const Problem&)>& render) const;
    void ResolveRemote(Request& request) const;
    // What the metrics and the access log keep of a response.
    struct Sent {
        std::size_t slot;
        int status;
        std::size_t bytes;
        std::chrono::steady_clock::time_point start;
        std::string request_id;
        std::string method;
        std::string path;
        std::string remote;
    };
    void Finish(const Request& request, Response& response, std::size_t slot,
                std::chrono::steady_clock::time_point start) const;
    void Count(const Sent& sent) const;

    const Router* router_;
    const StaticFiles* static_files_;
    metrics::Registry* metrics_;
    bool access_log_;
    Guard guard_;
    Scope scope_;
    bool strict_transport_security_ = false;
    TrustedProxies trusted_proxies_;
};

// Decodes an origin-form request target into path and query; false when it is malformed
// (not origin-form, bad percent-encoding, NUL, invalid UTF-8 in the decoded path).
bool DecodeTarget(std::string_view target, std::string& path, std::string& query);

// A request id from the client's X-Request-Id when it is short and safe, else a new random one.
std::string RequestIdFor(const Request& request);

}  // namespace ponte::http

// The HTTP/1.1 server: Boost.Beast on Asio with C++20 coroutines, one connection coroutine each.
// Beast and Asio stay inside this file's implementation.
//
// Threads: one event loop per core does the I/O (reading, parsing, writing) and answers what needs
// no route handler (static files, 404, 405) on the spot. Route handlers, which may wait on the
// database, run on a bounded handler pool, so that a slow query holds up one pool thread and never
// the other connections of its loop; CPU-heavy routes (password hashing) run on a smaller pool of
// their own. When a pool's requests (running and queued) reach its limit, further ones get a 503
// with Retry-After at once instead of queueing without end. A response that holds for something
// (Response::hold: the commit of its audit entries) goes out once that is done, and its thread is
// free meanwhile. The server exports each pool's requests waiting for a thread, threads busy,
// responses held and requests refused in the dispatcher's metrics (ponte_http_handler_pool_* and
// ponte_http_heavy_pool_*): one server per metrics registry.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "core/http/dispatcher.hpp"

namespace ponte::http {

struct ServerOptions {
    std::string address = "127.0.0.1";
    std::uint16_t port = 8080;   // 0 picks a free port; see Server::port()
    int threads = 1;             // event loops
    int handler_threads = 4;     // the pool for route handlers (sized like the database pool)
    int max_pending = 64;        // route requests queued or running there; more get 503 at once
    int heavy_threads = 1;       // the pool for heavy routes (password hashing)
    int max_heavy_pending = 64;  // heavy requests queued or running; more get 503 at once
    std::size_t max_body_bytes = 1024 * 1024;
    std::size_t max_header_bytes = 16 * 1024;
    std::chrono::milliseconds read_timeout{15000};      // to receive a whole request once it started
    std::chrono::milliseconds idle_timeout{60000};      // between requests on a keep-alive connection
    std::chrono::milliseconds write_timeout{30000};     // to send a response
    std::chrono::milliseconds shutdown_timeout{10000};  // for in-flight requests after SIGTERM
};

class Server {
  public:
    // Binds and listens at once; throws std::runtime_error naming the address when it cannot.
    Server(const ServerOptions& options, const Dispatcher& dispatcher);
    ~Server();
    Server(const Server&) = delete;
    Server& operator=(const Server&) = delete;

    // The bound port (useful with port 0).
    std::uint16_t port() const;

    // Serves until SIGINT or SIGTERM (or Stop()), then stops accepting, lets in-flight requests
    // finish (closing idle keep-alive connections at once) and returns when all connections are
    // closed or the shutdown timeout has passed. Blocks the calling thread, which serves too.
    void Run();

    // Starts the same graceful shutdown as a signal. Thread-safe.
    void Stop();

  private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace ponte::http

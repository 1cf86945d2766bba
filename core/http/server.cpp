#include "core/http/server.hpp"

#include <algorithm>
#include <array>
#include <boost/asio.hpp>
#include <boost/asio/as_tuple.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <memory>
#include <mutex>
#include <set>
#include <thread>
#include <tuple>
#include <utility>
#include <vector>

#include "core/http/beast_request.hpp"
#include "core/http/framing.hpp"
#include "core/http/pool_use.hpp"
#include "core/http/wire.hpp"
#include "core/log/log.hpp"

namespace ponte::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;
using asio::use_awaitable;
constexpr auto kTuple = asio::as_tuple(use_awaitable);

namespace {

// One open connection, as seen by the shutdown logic.
struct Connection {
    beast::tcp_stream* stream;
    bool idle = false;  // waiting for the next request; touched only on the connection's strand
};

std::array<asio::const_buffer, 2> Buffers(const WireResponse& response) {
    return {asio::buffer(response.head), asio::buffer(response.body)};
}

}  // namespace

// One event loop per thread, each with its own listening socket on the same port (SO_REUSEPORT):
// the kernel spreads connections over the loops and a connection stays on its loop, so requests
// never hop between threads and the loops share no lock (the model of nginx's workers).
struct Loop {
    asio::io_context io{1};
    tcp::acceptor acceptor{io};
};

// A bounded pool of threads for route handlers, with the count of requests given to it and not
// yet answered (queued or running), which /metrics reads too.
struct Pool {
    asio::thread_pool threads;
    std::shared_ptr<PoolUse> use;

    Pool(int thread_count, int max_pending)
        : threads(static_cast<std::size_t>(std::max(1, thread_count))), use(std::make_shared<PoolUse>(max_pending)) {}
};

struct Server::State {
    ServerOptions options;
    const Dispatcher& dispatcher;
    std::vector<std::unique_ptr<Loop>> loops;
    asio::signal_set signals;  // on the first loop
    // The pools come after the loops: destroyed (stopped and joined) before them.
    Pool handlers;
    Pool heavy;
    std::atomic<bool> stopping{false};
    std::mutex mutex;
    std::set<std::shared_ptr<Connection>> connections;

    State(const ServerOptions& o, const Dispatcher& d)
        : options(o),
          dispatcher(d),
          loops(MakeLoops(o)),
          signals(loops.front()->io, SIGINT, SIGTERM),
          handlers(o.handler_threads, o.max_pending),
          heavy(o.heavy_threads, o.max_heavy_pending) {
        ExportPoolUse(handlers.use, d.metrics(), "ponte_http_handler_pool", "the route handler pool");
        ExportPoolUse(heavy.use, d.metrics(), "ponte_http_heavy_pool", "the pool of heavy routes (password hashing)");
    }

    static std::vector<std::unique_ptr<Loop>> MakeLoops(const ServerOptions& o) {
        std::vector<std::unique_ptr<Loop>> loops;
        for (int i = 0; i < std::max(1, o.threads); ++i) loops.push_back(std::make_unique<Loop>());
        return loops;
    }

    asio::awaitable<void> Accept(Loop& loop);
    asio::awaitable<void> Serve(beast::tcp_stream stream);
    asio::awaitable<Response> HandleOn(Pool& pool, Request& request);
    asio::awaitable<void> LingeringClose(beast::tcp_stream& stream, beast::flat_buffer& buffer) const;
    asio::awaitable<void> Drain();
    void BeginShutdown();
};

Server::Server(const ServerOptions& options, const Dispatcher& dispatcher)
    : state_(std::make_unique<State>(options, dispatcher)) {
    beast::error_code error;
    auto address = asio::ip::make_address(options.address, error);
    if (error) throw std::runtime_error("invalid listen address " + options.address + ": " + error.message());
    tcp::endpoint endpoint{address, options.port};
    if (endpoint.port() != 0) {
        // SO_REUSEPORT would let a second ponte on the same port share it silently: check first
        // that nobody listens there, with a socket that does not share.
        tcp::acceptor probe(state_->loops.front()->io);
        probe.open(endpoint.protocol(), error);
        if (!error) probe.set_option(asio::socket_base::reuse_address(true), error);
        if (!error) probe.bind(endpoint, error);
        if (error) {
            throw std::runtime_error("cannot listen on " + options.address + ":" + std::to_string(endpoint.port()) +
                                     ": " + error.message());
        }
    }
    for (auto& loop : state_->loops) {
        auto& acceptor = loop->acceptor;
        acceptor.open(endpoint.protocol(), error);
        if (!error) acceptor.set_option(asio::socket_base::reuse_address(true), error);
        if (!error) acceptor.set_option(asio::detail::socket_option::boolean<SOL_SOCKET, SO_REUSEPORT>(true), error);
        if (!error) acceptor.bind(endpoint, error);
        if (!error) acceptor.listen(asio::socket_base::max_listen_connections, error);
        if (error) {
            throw std::runtime_error("cannot listen on " + options.address + ":" + std::to_string(endpoint.port()) +
                                     ": " + error.message());
        }
        endpoint.port(acceptor.local_endpoint().port());  // with port 0, the others join the chosen one
    }
}

Server::~Server() = default;

std::uint16_t Server::port() const { return state_->loops.front()->acceptor.local_endpoint().port(); }

void Server::Run() {
    State& s = *state_;
    s.signals.async_wait([&s](const beast::error_code& error, int) {
        if (!error) s.BeginShutdown();
    });
    for (auto& loop : s.loops) asio::co_spawn(loop->io, s.Accept(*loop), asio::detached);

    std::vector<std::thread> threads;
    for (std::size_t i = 1; i < s.loops.size(); ++i) threads.emplace_back([&s, i] { s.loops[i]->io.run(); });
    s.loops.front()->io.run();
    for (auto& thread : threads) thread.join();
}

void Server::Stop() {
    State& s = *state_;
    asio::post(s.loops.front()->io, [&s] { s.BeginShutdown(); });
}

void Server::State::BeginShutdown() {
    if (stopping.exchange(true)) return;
    log::Info("shutting down", {{"phase", "draining"}});
    beast::error_code ignored;
    signals.cancel(ignored);
    for (auto& loop : loops) {
        asio::post(loop->io, [&loop = *loop] {
            beast::error_code closed;
            loop.acceptor.close(closed);
        });
    }
    // Close idle keep-alive connections now; busy ones close after their response.
    {
        std::lock_guard lock(mutex);
        for (const auto& connection : connections) {
            asio::post(connection->stream->get_executor(), [connection] {
                if (connection->idle) connection->stream->socket().cancel();
            });
        }
    }
    asio::co_spawn(loops.front()->io, Drain(), asio::detached);  // outside the lock: it may start inline
}

asio::awaitable<void> Server::State::Drain() {
    asio::steady_timer timer(loops.front()->io);
    const auto deadline = std::chrono::steady_clock::now() + options.shutdown_timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        {
            std::lock_guard lock(mutex);
            if (connections.empty()) break;
        }
        timer.expires_after(std::chrono::milliseconds(10));
        co_await timer.async_wait(kTuple);
    }
    std::size_t left = 0;
    {
        std::lock_guard lock(mutex);
        left = connections.size();
    }
    log::Info("shutdown complete", {{"abandoned_connections", std::to_string(left)}});
    for (auto& loop : loops) loop->io.stop();
}

asio::awaitable<void> Server::State::Accept(Loop& loop) {
    while (!stopping) {
        // The connection lives on this loop's single thread: its coroutine and the shutdown's
        // cancel (posted to the same loop) never race.
        auto [error, socket] = co_await loop.acceptor.async_accept(kTuple);
        if (error) {
            if (error == asio::error::operation_aborted || stopping) break;
            // Out of file descriptors or similar: wait a moment instead of spinning.
            log::Warn("accept failed", {{"error", error.message()}});
            asio::steady_timer pause(loop.io, std::chrono::milliseconds(50));
            co_await pause.async_wait(kTuple);
            continue;
        }
        beast::error_code ignored;
        socket.set_option(tcp::no_delay(true), ignored);
        auto executor = socket.get_executor();
        asio::co_spawn(executor, Serve(beast::tcp_stream(std::move(socket))), [](std::exception_ptr failure) {
            if (!failure) return;
            try {
                std::rethrow_exception(failure);
            } catch (const std::exception& error) {
                log::Error("connection failed", {{"error", error.what()}});
            }
        });
    }
}

asio::awaitable<void> Server::State::Serve(beast::tcp_stream stream) {
    auto connection = std::make_shared<Connection>(Connection{&stream});
    {
        std::lock_guard lock(mutex);
        connections.insert(connection);
    }
    struct Unregister {
        State* state;
        std::shared_ptr<Connection> connection;
        ~Unregister() {
            std::lock_guard lock(state->mutex);
            state->connections.erase(connection);
        }
    } unregister{this, connection};

    beast::error_code error;
    auto peer = stream.socket().remote_endpoint(error);
    const std::string remote = error ? "" : peer.address().to_string() + ":" + std::to_string(peer.port());
    beast::flat_buffer buffer;

    for (;;) {
        // 1. Wait for the next request's first bytes, at most the idle timeout.
        if (buffer.size() == 0) {
            if (stopping) break;
            connection->idle = true;
            stream.expires_after(options.idle_timeout);
            auto [wait_error, received] = co_await stream.async_read_some(buffer.prepare(4096), kTuple);
            connection->idle = false;
            if (wait_error) break;  // closed by the peer, idle too long, or shutting down
            buffer.commit(received);
        }

        // 2. Read the header within the read timeout and the size limits.
        bhttp::request_parser<bhttp::string_body> parser;
        parser.header_limit(static_cast<std::uint32_t>(options.max_header_bytes));
        // The header is read under the largest limit of any route (a file upload's), then the
        // body under its own route's.
        parser.body_limit(dispatcher.LargestBodyLimit(options.max_body_bytes));
        stream.expires_after(options.read_timeout);
        beast::error_code read_error;
        std::tie(read_error, std::ignore) = co_await bhttp::async_read_header(stream, buffer, parser, kTuple);
        if (!read_error) {
            Request line;
            line.method = ParseMethod(std::string(parser.get().method_string()));
            line.target = std::string(parser.get().target());
            const std::size_t limit = dispatcher.BodyLimitOf(line, options.max_body_bytes);
            if (parser.content_length() && *parser.content_length() > limit) {
                read_error = bhttp::error::body_limit;
            } else {
                parser.body_limit(limit);
            }
        }

        // 3. Refuse a body whose end the parser could misjudge (the rest would be read as another
        //    request) and a missing or bad Host, before reading any of the body.
        std::optional<std::string> framing;
        if (!read_error) framing = FramingError(parser.get().version(), HeadersOf(parser.get()));

        // 4. Read the body within the same timeout and the body limit.
        if (!read_error && !framing) {
            std::tie(read_error, std::ignore) = co_await bhttp::async_read(stream, buffer, parser, kTuple);
        }
        if (read_error || framing) {
            auto kind = framing ? std::optional(ProblemKind::kBadRequest) : ProblemForReadError(read_error);
            if (!kind) break;
            if (framing) log::Info("request refused", {{"reason", *framing}, {"remote", remote}});
            // What was read of the request line and header (Beast refuses a too long
            // Content-Length before the header is done), for the log and the problem's instance.
            Request partial = ToRequest(parser.release(), remote);
            partial.body.clear();
            if (partial.method_name.empty()) partial.method_name = "-";
            auto response = ToWire(dispatcher.Reject(partial, *kind), false, false);
            // Beast closes the socket when a deadline passes: a client too slow to send its
            // request is counted and logged as a 408 but gets no answer (as nginx does).
            if (*kind == ProblemKind::kRequestTimeout) co_return;
            stream.expires_after(options.write_timeout);
            co_await asio::async_write(stream, Buffers(response), kTuple);
            co_await LingeringClose(stream, buffer);
            co_return;
        }

        // 5. Route and handle: a pure function of the request.
        const bool keep_alive = parser.get().keep_alive() && !stopping;
        const bool head = parser.get().method() == bhttp::verb::head;
        Request request = ToRequest(parser.release(), remote);
        Response handled;
        // (An if, not a conditional expression: g++ 12 miscompiles co_await inside `?:`.)
        switch (dispatcher.LaneOf(request)) {
            case Dispatcher::Lane::kLoop:
                handled = dispatcher.Handle(request);
                break;
            case Dispatcher::Lane::kHandler:
                handled = co_await HandleOn(handlers, request);
                break;
            case Dispatcher::Lane::kHeavy:
                handled = co_await HandleOn(heavy, request);
                break;
        }
        auto response = ToWire(std::move(handled), keep_alive && !stopping, head);

        // 6. Write the response, then keep the connection only if both sides want it.
        stream.expires_after(options.write_timeout);
        auto [write_error, written] = co_await asio::async_write(stream, Buffers(response), kTuple);
        if (write_error || !response.keep_alive) break;
    }
    stream.socket().shutdown(tcp::socket::shutdown_send, error);
}

// Runs the request on `pool` and resumes on the connection's loop with the response; the loop
// serves its other connections meanwhile. When the pool has too many requests already, answers
// 503 at once instead of queueing without end.
asio::awaitable<Response> Server::State::HandleOn(Pool& pool, Request& request) {
    if (!pool.use->TryAdmit()) {
        Response refused = dispatcher.Reject(request, ProblemKind::kUnavailable);
        refused.headers.Set("Retry-After", "1");
        co_return refused;
    }
    // A plain post each way rather than a coroutine on the pool: no frame to allocate, and the
    // response comes back through the connection coroutine's own executor.
    Response response = co_await asio::async_initiate<decltype(use_awaitable), void(Response)>(
        [this, &pool, &request](auto handler) {
            asio::post(pool.threads, [this, &pool, &request, handler = std::move(handler)]() mutable {
                pool.use->Start();
                Response done = dispatcher.Handle(request);
                auto executor = asio::get_associated_executor(handler);
                auto send = [executor, handler = std::move(handler)](Response response) mutable {
                    asio::post(executor, [handler = std::move(handler), response = std::move(response)]() mutable {
                        std::move(handler)(std::move(response));
                    });
                };
                if (!done.hold) {
                    pool.use->Finish();
                    return send(std::move(done));
                }
                // Sent once what it holds for is done, from the thread that did it: maybe this one,
                // which is counted busy until then. (Shared: a hold's function is copyable, the
                // handler is not.)
                auto hold = std::exchange(done.hold, nullptr);
                auto held = std::make_shared<std::pair<Response, decltype(send)>>(std::move(done), std::move(send));
                pool.use->Hold();
                hold([this, use = pool.use, &request, held](bool ok) {
                    use->Unhold();
                    held->second(ok ? std::move(held->first) : dispatcher.Unavailable(request));
                });
                pool.use->Finish();
            });
        },
        use_awaitable);
    pool.use->Release();
    co_return response;
}

// After an error response the client may still be sending (an oversized body): close our side,
// then read and discard for a moment, so that the kernel does not answer the unread bytes with a
// reset that would destroy our response before the client reads it.
asio::awaitable<void> Server::State::LingeringClose(beast::tcp_stream& stream, beast::flat_buffer& buffer) const {
    beast::error_code error;
    stream.socket().shutdown(tcp::socket::shutdown_send, error);
    stream.expires_after(std::chrono::seconds(2));
    std::size_t discarded = 0;
    while (!error && discarded < 4 * dispatcher.LargestBodyLimit(options.max_body_bytes)) {
        buffer.clear();
        auto [read_error, received] = co_await stream.async_read_some(buffer.prepare(16384), kTuple);
        error = read_error;
        discarded += received;
    }
}

}  // namespace ponte::http

#include "core/testing/http_client.hpp"

#include <sys/socket.h>
#include <sys/time.h>
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <thread>

namespace ponte::testing {
namespace {

// Blocking reads ignore Beast's expiry, so bound them with the socket's own receive timeout.
void SetReceiveTimeout(boost::asio::ip::tcp::socket& socket, std::chrono::milliseconds timeout) {
    timeval tv{};
    tv.tv_sec = static_cast<time_t>(timeout.count() / 1000);
    tv.tv_usec = static_cast<suseconds_t>((timeout.count() % 1000) * 1000);
    setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
}

}  // namespace

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

std::string HttpResult::Header(std::string_view name) const {
    std::string lower(name);
    for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto it = headers.find(lower);
    return it == headers.end() ? "" : it->second;
}

boost::json::value HttpResult::Json() const { return boost::json::parse(body); }

struct HttpClient::Connection {
    asio::io_context io;
    beast::tcp_stream stream{io};
    beast::flat_buffer buffer;
};

HttpClient::HttpClient(std::uint16_t port) : port_(port) {}
HttpClient::~HttpClient() = default;

HttpResult HttpClient::Get(std::string_view target, const std::map<std::string, std::string>& headers) {
    return Send("GET", target, "", headers);
}

HttpResult HttpClient::Post(std::string_view target, std::string_view body, std::string_view content_type,
                            const std::map<std::string, std::string>& headers) {
    auto with_type = headers;
    if (!content_type.empty()) with_type.emplace("Content-Type", content_type);
    return Send("POST", target, body, with_type);
}

HttpResult HttpClient::Send(std::string_view method, std::string_view target, std::string_view body,
                            const std::map<std::string, std::string>& headers) {
    bhttp::request<bhttp::string_body> request;
    request.method_string(method);
    request.target(target);
    request.version(11);
    request.set(bhttp::field::host, "127.0.0.1:" + std::to_string(port_));
    for (const auto& [name, value] : headers) request.set(name, value);
    request.body() = std::string(body);
    request.prepare_payload();
    if (method == "HEAD") request.content_length(boost::none);

    // Reuse the keep-alive connection; open a new one when the server has closed it.
    for (int attempt = 0; attempt < 2; ++attempt) {
        if (!connection_) {
            connection_ = std::make_unique<Connection>();
            connection_->stream.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_));
            SetReceiveTimeout(connection_->stream.socket(), std::chrono::seconds(30));
        }
        auto& c = *connection_;
        beast::error_code error;
        bhttp::write(c.stream, request, error);
        bhttp::response_parser<bhttp::string_body> parser;
        parser.body_limit(std::uint64_t{64} * 1024 * 1024);
        parser.skip(method == "HEAD");
        if (!error) bhttp::read(c.stream, c.buffer, parser, error);
        if (error) {
            connection_.reset();
            if (attempt == 0 && (error == bhttp::error::end_of_stream || error == asio::error::connection_reset ||
                                 error == asio::error::broken_pipe)) {
                continue;
            }
            throw std::runtime_error("HTTP " + std::string(method) + " " + std::string(target) + ": " +
                                     error.message());
        }
        auto response = parser.release();
        HttpResult result;
        result.status = static_cast<int>(response.result_int());
        for (const auto& field : response) {
            std::string name(field.name_string());
            for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
            result.headers[name] = std::string(field.value());
        }
        result.body = std::move(response.body());
        if (!response.keep_alive()) connection_.reset();
        return result;
    }
    throw std::runtime_error("unreachable");
}

std::string RawExchange(std::uint16_t port, std::string_view bytes, std::chrono::milliseconds timeout,
                        std::size_t chunk, std::chrono::milliseconds pause) {
    asio::io_context io;
    tcp::socket socket(io);
    socket.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port));
    beast::error_code error;
    if (chunk == 0) chunk = bytes.size();
    for (std::size_t at = 0; at < bytes.size() && !error; at += chunk) {
        asio::write(socket, asio::buffer(bytes.substr(at, chunk)), error);
        if (pause.count() > 0 && at + chunk < bytes.size()) std::this_thread::sleep_for(pause);
    }
    // Read until the server closes, or the timeout passes.
    std::string received;
    auto deadline = std::chrono::steady_clock::now() + timeout;
    SetReceiveTimeout(socket, std::chrono::milliseconds(50));
    char buffer[8192];
    while (std::chrono::steady_clock::now() < deadline) {
        error = {};
        std::size_t n = socket.read_some(asio::buffer(buffer), error);
        received.append(buffer, n);
        if (error == asio::error::would_block || error == asio::error::try_again) continue;
        if (error) break;
    }
    return received;
}

int StatusOf(std::string_view raw) {
    if (!raw.starts_with("HTTP/1.1 ") || raw.size() < 12) return 0;
    return std::stoi(std::string(raw.substr(9, 3)));
}

}  // namespace ponte::testing

// HTTP clients for API tests: a keep-alive client for well-formed requests, and a raw exchange
// for malformed HTTP, slow clients and other things a proper client refuses to send.
#pragma once

#include <boost/json/value.hpp>
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ponte::testing {

struct HttpResult {
    int status = 0;
    std::map<std::string, std::string> headers;  // names in lower case
    std::string body;

    std::string Header(std::string_view name) const;
    boost::json::value Json() const;  // throws when the body is not JSON
};

class HttpClient {
  public:
    explicit HttpClient(std::uint16_t port);
    ~HttpClient();

    HttpResult Get(std::string_view target, const std::map<std::string, std::string>& headers = {});
    HttpResult Post(std::string_view target, std::string_view body, std::string_view content_type = "application/json",
                    const std::map<std::string, std::string>& headers = {});
    // Any method ("PUT", "HEAD", ...). Throws std::runtime_error when the connection fails.
    HttpResult Send(std::string_view method, std::string_view target, std::string_view body,
                    const std::map<std::string, std::string>& headers);

  private:
    struct Connection;
    std::uint16_t port_;
    std::unique_ptr<Connection> connection_;
};

// Connects, sends `bytes` (in pieces of `chunk` bytes, `pause` apart, when chunk > 0), then reads
// until the server closes or `timeout` passes. Returns everything received.
std::string RawExchange(std::uint16_t port, std::string_view bytes, std::chrono::milliseconds timeout,
                        std::size_t chunk = 0, std::chrono::milliseconds pause = {});

// The status code of the first response in raw bytes; 0 when there is none.
int StatusOf(std::string_view raw);

}  // namespace ponte::testing

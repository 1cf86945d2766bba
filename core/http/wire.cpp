#include "core/http/wire.hpp"

#include <algorithm>
#include <boost/beast/http/status.hpp>

namespace ponte::http {
namespace {

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

}  // namespace

WireResponse ToWire(Response&& response, bool keep_alive, bool head_only) {
    WireResponse wire;
    wire.keep_alive = keep_alive;
    std::string& out = wire.head;
    out.reserve(512);
    out += "HTTP/1.1 ";
    out += std::to_string(response.status);
    out += ' ';
    const auto reason = boost::beast::http::obsolete_reason(static_cast<boost::beast::http::status>(response.status));
    out.append(reason.data(), reason.size());
    out += "\r\n";
    for (const auto& [name, value] : response.headers.fields()) {
        if (EqualsIgnoringCase(name, "Connection") || EqualsIgnoringCase(name, "Content-Length")) continue;
        out += name;
        out += ": ";
        const std::size_t at = out.size();
        out += value;
        std::replace_if(
            out.begin() + static_cast<std::ptrdiff_t>(at), out.end(), [](char c) { return c == '\r' || c == '\n'; },
            ' ');
        out += "\r\n";
    }
    if (!keep_alive) out += "Connection: close\r\n";
    const bool no_body = response.status == 204 || response.status == 304 || response.status < 200;
    // A HEAD response announces the GET body's size.
    if (!no_body) out += "Content-Length: " + std::to_string(response.body.size()) + "\r\n";
    out += "\r\n";
    if (!head_only && !no_body) wire.body = std::move(response.body);
    return wire;
}

}  // namespace ponte::http

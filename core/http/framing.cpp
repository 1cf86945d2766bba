#include "core/http/framing.hpp"

#include <algorithm>
#include <boost/url/authority_view.hpp>
#include <cctype>

namespace ponte::http {
namespace {

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

std::string_view Trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

}  // namespace

bool IsValidHost(std::string_view host) {
    auto authority = boost::urls::parse_authority(host);
    if (!authority || authority->has_userinfo()) return false;
    const auto port = authority->port();
    if (!std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; })) return false;
    switch (authority->host_type()) {
        case boost::urls::host_type::ipv4:
        case boost::urls::host_type::ipv6:
            return true;
        case boost::urls::host_type::name: {
            // The grammar allows percent-encoding and sub-delimiters in a reg-name; no DNS name
            // has them, and the host ends up in links we send.
            const auto name = authority->encoded_host();
            return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
                return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_';
            });
        }
        case boost::urls::host_type::ipvfuture:
        case boost::urls::host_type::none:
            return false;
    }
    return false;
}

std::optional<std::string> FramingError(unsigned version, const Headers& headers) {
    int transfer_encodings = 0;
    bool chunked_only = true;
    bool content_length = false;
    int hosts = 0;
    for (const auto& [name, value] : headers.fields()) {
        if (EqualsIgnoringCase(name, "Transfer-Encoding")) {
            // Only `chunked` alone is understood: any other coding, a list or a quoted token would
            // leave the end of the body unknown.
            ++transfer_encodings;
            chunked_only = chunked_only && EqualsIgnoringCase(Trim(value), "chunked");
        } else if (EqualsIgnoringCase(name, "Content-Length")) {
            content_length = true;
        } else if (EqualsIgnoringCase(name, "Host")) {
            ++hosts;
            if (!IsValidHost(Trim(value))) return "invalid Host";
        }
    }
    if (transfer_encodings > 0) {
        if (version < 11) return "Transfer-Encoding in HTTP/1.0";
        if (transfer_encodings > 1 || !chunked_only) return "Transfer-Encoding other than chunked";
        if (content_length) return "Transfer-Encoding with Content-Length";
    }
    if (hosts > 1) return "more than one Host";
    if (hosts == 0 && version >= 11) return "no Host";
    return std::nullopt;
}

}  // namespace ponte::http

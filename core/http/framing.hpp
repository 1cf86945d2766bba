// Checks of a request's header block that come before its body is read (RFC 9112): how the body
// is framed, so that no body bytes are ever taken for a second request, and which host it names.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/http/message.hpp"

namespace ponte::http {

// Returns nullopt when a request with this HTTP version (10 or 11) and these header fields may be
// read on, else the reason for the log. The server then answers 400 and closes the connection.
// Refused: a Transfer-Encoding other than exactly `chunked` (RFC 9112 §6.3: a final coding that
// is not chunked leaves the body's end unknown), Transfer-Encoding with Content-Length (§6.1),
// Transfer-Encoding in HTTP/1.0, and, in HTTP/1.1, no Host or more than one (§3.2); a Host that
// is present must be valid (IsValidHost).
std::optional<std::string> FramingError(unsigned version, const Headers& headers);

// True when `host` is uri-host [":" port] (RFC 9112 §3.2, RFC 3986 §3.2.2): a DNS name of
// letters, digits, '-', '_' and '.', an IPv4 address or a bracketed IPv6 address, and an optional
// port of digits. No user information, path, query, spaces or control characters.
bool IsValidHost(std::string_view host);

}  // namespace ponte::http

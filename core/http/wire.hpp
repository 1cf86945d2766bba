// A response as the server writes it: the status line and header fields in one buffer, the body
// in another, sent together. Cheaper than Beast's serializer, which allocates per field and
// gathers a buffer per piece. Pure, so that its framing is tested without a socket.
#pragma once

#include <string>

#include "core/http/message.hpp"

namespace ponte::http {

struct WireResponse {
    std::string head;  // "HTTP/1.1 200 OK\r\n" ... "\r\n"
    std::string body;
    bool keep_alive = false;
};

// Connection and Content-Length are the server's: set from `keep_alive` and the body, whatever
// the handler put there. A CR or LF in a field (a handler's mistake) becomes a space, so that it
// cannot split the response. 204, 304 and 1xx carry no body and no Content-Length; a HEAD
// response (`head_only`) announces the GET body's size without sending it.
WireResponse ToWire(Response&& response, bool keep_alive, bool head_only);

}  // namespace ponte::http

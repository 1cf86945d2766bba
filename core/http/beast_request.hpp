// What the server reads from Boost.Beast, in the terms of core/http/message.hpp: a request's
// head and body as a Request, and a read error as the problem the client is answered with.
#pragma once

#include <boost/beast/core/error.hpp>
#include <boost/beast/http.hpp>
#include <optional>
#include <string>

#include "core/http/message.hpp"
#include "core/http/problem.hpp"

namespace ponte::http {

// The problem a Beast read error is answered with, or nullopt when there is nobody to answer (the
// peer closed or reset the connection).
std::optional<ProblemKind> ProblemForReadError(const boost::beast::error_code& error);

// The header fields of a request head, in their order.
Headers HeadersOf(const boost::beast::http::request_header<>& header);

// The request read from `remote`; its body is moved out of `message`.
Request ToRequest(boost::beast::http::request<boost::beast::http::string_body>&& message, const std::string& remote);

}  // namespace ponte::http

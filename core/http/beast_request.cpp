#include "core/http/beast_request.hpp"

#include <utility>

namespace ponte::http {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;

std::optional<ProblemKind> ProblemForReadError(const beast::error_code& error) {
    if (error == bhttp::error::body_limit) return ProblemKind::kPayloadTooLarge;
    if (error == bhttp::error::header_limit) return ProblemKind::kHeadersTooLarge;
    if (error == beast::error::timeout) return ProblemKind::kRequestTimeout;
    if (error.category() == bhttp::make_error_code(bhttp::error::bad_method).category() &&
        error != bhttp::error::end_of_stream && error != bhttp::error::partial_message) {
        return ProblemKind::kBadRequest;
    }
    return std::nullopt;
}

Headers HeadersOf(const bhttp::request_header<>& header) {
    Headers headers;
    for (const auto& field : header) headers.Add(field.name_string(), std::string(field.value()));
    return headers;
}

Request ToRequest(bhttp::request<bhttp::string_body>&& message, const std::string& remote) {
    Request request;
    request.method_name = std::string(message.method_string());
    request.method = ParseMethod(request.method_name);
    request.target = std::string(message.target());
    for (const auto& field : message) request.headers.Add(field.name_string(), std::string(field.value()));
    request.body = std::move(message.body());
    request.remote = remote;
    return request;
}

}  // namespace ponte::http

// Core's own HTTP request and response types. Handlers and modules see only these, never Beast or
// Asio, so they stay independent of the transport and compile fast.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/policy/principal.hpp"

namespace ponte::http {

class BodySchema;

enum class Method { kGet, kHead, kPost, kPut, kPatch, kDelete, kOptions, kOther };

// Returns the method's canonical upper-case name ("GET"); "OTHER" for kOther.
std::string_view MethodName(Method method);
// Parses an upper-case method name; kOther when it is none of the supported ones.
Method ParseMethod(std::string_view name);

// An ordered list of header fields with case-insensitive lookup. Small on purpose: requests carry
// few headers, and a vector beats a map at that size.
class Headers {
  public:
    // Returns the first value of `name` (case-insensitive), or nullopt.
    std::optional<std::string_view> Get(std::string_view name) const;
    // Replaces every field called `name` by one with `value`.
    void Set(std::string_view name, std::string value);
    // Appends a field, keeping any existing one of the same name.
    void Add(std::string_view name, std::string value);
    const std::vector<std::pair<std::string, std::string>>& fields() const { return fields_; }

  private:
    std::vector<std::pair<std::string, std::string>> fields_;
};

// A request after parsing: the path is percent-decoded and normalized, the query is kept raw.
struct Request {
    Method method = Method::kGet;
    std::string method_name;  // as sent, for logs of unsupported methods
    std::string target;       // the raw request-target
    std::string path;         // decoded path, always starting with '/'
    std::string query;        // raw query string without '?'
    Headers headers;
    std::string body;
    boost::json::object json;                 // the body of a JSON route, parsed; read it through JsonFields
    const BodySchema* body_schema = nullptr;  // the route's, for JsonFields
    mutable bool body_checked = false;        // set by JsonFields: the handler did check the body
    std::string remote;                       // peer address, "ip:port"
    std::string request_id;                   // set by the server before routing
    std::vector<std::pair<std::string, std::string>> path_params;  // set by the router
    std::shared_ptr<const policy::Principal> principal;            // set by the guard; null: anonymous
    std::string locale;                                            // negotiated from Accept-Language

    // Returns the value of the path parameter `name`; empty when there is none.
    std::string_view Param(std::string_view name) const;
};

struct Response {
    int status = 200;
    Headers headers;
    std::string body;
    // What must be done before the response may go out (the audit entries of the read it
    // answers, committed): called once, with the function to call then, true when it went well.
    // The server calls it on the handler's thread and serves other requests meanwhile; on false
    // it answers 503 instead. Empty: nothing to wait for.
    std::function<void(std::function<void(bool done)>)> hold;

    // A JSON response with the given status.
    static Response Json(int status, std::string body);
};

}  // namespace ponte::http

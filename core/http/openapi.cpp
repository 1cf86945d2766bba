#include "core/http/openapi.hpp"

#include <algorithm>
#include <cctype>
#include <set>

namespace ponte::http {
namespace {

std::string LowerMethod(Method method) {
    std::string name(MethodName(method));
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
    return name;
}

boost::json::object ProblemResponse(std::string_view description) {
    return {{"description", description},
            {"content", {{"application/problem+json", {{"schema", {{"$ref", "#/components/schemas/Problem"}}}}}}}};
}

boost::json::object ProblemSchema() {
    return {
        {"type", "object"},
        {"required", {"type", "title", "status"}},
        {"properties",
         {{"type", {{"type", "string"}}},
          {"title", {{"type", "string"}}},
          {"status", {{"type", "integer"}}},
          {"detail", {{"type", "string"}}},
          {"instance", {{"type", "string"}}},
          {"request_id", {{"type", "string"}}},
          {"errors",
           {{"type", "array"},
            {"items",
             {{"type", "object"},
              {"required", {"field", "code", "message"}},
              {"properties",
               {{"field", {{"type", "string"}}},
                {"code", {{"type", "string"}}},
                {"message", {{"type", "string"}}}}}}}}}}},
    };
}

}  // namespace

boost::json::object BuildOpenApi(const Router& router, std::string_view version) {
    boost::json::object paths;
    for (const auto& route : router.routes()) {
        boost::json::object operation;
        operation["operationId"] = route.id;
        operation["summary"] = route.summary;
        operation["tags"] = boost::json::array{boost::json::string(route.tag)};

        boost::json::array parameters;
        for (auto segment : SplitPath(route.path)) {
            if (!segment.starts_with('{')) continue;
            parameters.push_back({{"name", segment.substr(1, segment.size() - 2)},
                                  {"in", "path"},
                                  {"required", true},
                                  {"schema", {{"type", "string"}}}});
        }
        for (const auto& parameter : route.parameters) parameters.push_back(parameter);
        if (!parameters.empty()) operation["parameters"] = std::move(parameters);

        if (route.TakesJson()) {
            operation["requestBody"] = {{"required", true},
                                        {"content", {{"application/json", {{"schema", route.request}}}}}};
        }
        if (route.TakesFile()) {
            boost::json::object content;
            for (const auto& type : route.file_types) {
                content[type] = {{"schema", {{"type", "string"}, {"contentMediaType", type}}}};
            }
            operation["requestBody"] = {{"required", true}, {"content", std::move(content)}};
        }

        boost::json::object responses;
        boost::json::object success{{"description", "Success"}};
        if (!route.response.is_null()) {
            std::string type = !route.media_type.empty()  ? route.media_type
                               : route.path == "/metrics" ? "text/plain"
                                                          : "application/json";
            success["content"] = {{type, {{"schema", route.response}}}};
        }
        responses[std::to_string(route.status)] = std::move(success);
        std::set<int> errors(route.errors.begin(), route.errors.end());
        if (route.TakesJson() || route.TakesFile()) errors.insert({400, 413, 415, 422});
        for (int status : errors) responses[std::to_string(status)] = ProblemResponse("Problem");
        responses["default"] = ProblemResponse("Problem");
        operation["responses"] = std::move(responses);

        auto& path_item = paths[route.path];
        if (!path_item.is_object()) path_item = boost::json::object{};
        path_item.as_object()[LowerMethod(route.method)] = std::move(operation);
    }
    return {
        {"openapi", "3.1.0"},
        {"info",
         {{"title", "Ponte API"},
          {"version", version},
          {"description",
           "Errors are application/problem+json (RFC 9457) with a stable type and a translated title."}}},
        {"paths", std::move(paths)},
        {"components", {{"schemas", {{"Problem", ProblemSchema()}}}}},
    };
}

}  // namespace ponte::http

#include "core/version.hpp"

#include <boost/json.hpp>
#include <charconv>
#include <string_view>

namespace ponte::core {
namespace {

std::string_view Trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

}  // namespace

std::string ETag(std::int64_t version) { return "\"" + std::to_string(version) + "\""; }

void SetETag(http::Response& response, std::int64_t version) { response.headers.Set("ETag", ETag(version)); }

boost::json::array IfMatchParameter() {
    return {{{"name", "If-Match"},
             {"in", "header"},
             {"required", true},
             {"description", "The ETag of the record as it was read"},
             {"schema", {{"type", "string"}, {"maxLength", 64}}}}};
}

Failure StaleVersion() { return Failure{Fault::kStale, "", "If-Match names another version"}; }

Outcome<std::int64_t> ExpectedVersion(const http::Request& request) {
    const std::string_view header = Trim(request.headers.Get("If-Match").value_or(""));
    if (header.empty() || header == "*") {
        return Failure{Fault::kVersionRequired, "", "update without If-Match"};
    }
    if (header.size() < 3 || header.front() != '"' || header.back() != '"') return StaleVersion();
    const std::string_view digits = header.substr(1, header.size() - 2);
    std::int64_t version = 0;
    const auto [at, error] = std::from_chars(digits.data(), digits.data() + digits.size(), version);
    if (error != std::errc() || at != digits.data() + digits.size() || version < 1) return StaleVersion();
    return version;
}

}  // namespace ponte::core

#include "core/http/json_body.hpp"

#include <boost/json/parse.hpp>

namespace ponte::http {
namespace {

constexpr std::size_t kMaxDepth = 32;

std::size_t CodePoints(std::string_view text) {
    // Boost.JSON has already validated UTF-8: count the bytes that do not continue a sequence.
    std::size_t count = 0;
    for (unsigned char c : text) count += (c & 0xC0) != 0x80;
    return count;
}

}  // namespace

Outcome<boost::json::object> ParseJsonObject(std::string_view body) {
    boost::json::parse_options options;
    options.max_depth = kMaxDepth;
    boost::system::error_code error;
    boost::json::value value = boost::json::parse(body, error, {}, options);
    if (error) {
        Problem problem{ProblemKind::kMalformedJson};
        problem.detail_key = error == boost::json::error::too_deep ? "detail.json_too_deep" : "detail.json_syntax";
        problem.internal = error.message();
        return problem;
    }
    if (!value.is_object()) {
        Problem problem{ProblemKind::kMalformedJson};
        problem.detail_key = "detail.json_object";
        return problem;
    }
    return std::move(value.as_object());
}

std::optional<std::string> JsonFields::RequiredString(std::string_view name, std::size_t min_length,
                                                      std::size_t max_length) {
    return ReadString(name, true, min_length, max_length);
}

std::optional<std::string> JsonFields::OptionalString(std::string_view name, std::size_t min_length,
                                                      std::size_t max_length) {
    return ReadString(name, false, min_length, max_length);
}

std::optional<std::string> JsonFields::ReadString(std::string_view name, bool required, std::size_t min_length,
                                                  std::size_t max_length) {
    read_.emplace(name);
    const boost::json::value* value = object_.if_contains(name);
    if (value == nullptr || (value->is_null() && !required)) {
        if (required) Invalid(name, "required");
        return std::nullopt;
    }
    if (!value->is_string()) {
        Invalid(name, "type");
        return std::nullopt;
    }
    std::string_view text = value->get_string();
    std::size_t length = CodePoints(text);
    if (length < min_length) {
        Invalid(name, length == 0 && required ? "required" : "too_short");
        return std::nullopt;
    }
    if (length > max_length) {
        Invalid(name, "too_long");
        return std::nullopt;
    }
    return std::string(text);
}

std::optional<bool> JsonFields::RequiredBool(std::string_view name) {
    read_.emplace(name);
    const boost::json::value* value = object_.if_contains(name);
    if (value == nullptr) {
        Invalid(name, "required");
        return std::nullopt;
    }
    if (!value->is_bool()) {
        Invalid(name, "type");
        return std::nullopt;
    }
    return value->as_bool();
}

std::optional<std::int64_t> JsonFields::RequiredInt(std::string_view name, std::int64_t min, std::int64_t max) {
    read_.emplace(name);
    const boost::json::value* value = object_.if_contains(name);
    if (value == nullptr) {
        Invalid(name, "required");
        return std::nullopt;
    }
    std::int64_t number = 0;
    if (value->is_int64()) {
        number = value->get_int64();
    } else if (value->is_uint64() && value->get_uint64() <= static_cast<std::uint64_t>(max)) {
        number = static_cast<std::int64_t>(value->get_uint64());
    } else {
        Invalid(name, value->is_uint64() ? "too_large" : "type");
        return std::nullopt;
    }
    if (number < min) {
        Invalid(name, "too_small");
        return std::nullopt;
    }
    if (number > max) {
        Invalid(name, "too_large");
        return std::nullopt;
    }
    return number;
}

void JsonFields::Invalid(std::string_view name, std::string code) {
    errors_.push_back({std::string(name), std::move(code)});
}

std::optional<Problem> JsonFields::Finish() {
    for (const auto& [key, value] : object_) {
        if (!read_.contains(std::string_view(key))) Invalid(key, "unknown");
    }
    if (errors_.empty()) return std::nullopt;
    Problem problem{ProblemKind::kInvalidFields};
    problem.errors = std::move(errors_);
    return problem;
}

}  // namespace ponte::http

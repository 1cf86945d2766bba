#include "core/http/message.hpp"

#include <algorithm>
#include <array>

namespace ponte::http {
namespace {

constexpr std::array<std::pair<Method, std::string_view>, 7> kMethods{{
    {Method::kGet, "GET"},
    {Method::kHead, "HEAD"},
    {Method::kPost, "POST"},
    {Method::kPut, "PUT"},
    {Method::kPatch, "PATCH"},
    {Method::kDelete, "DELETE"},
    {Method::kOptions, "OPTIONS"},
}};

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
        auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
        return lower(x) == lower(y);
    });
}

}  // namespace

std::string_view MethodName(Method method) {
    for (const auto& [m, name] : kMethods) {
        if (m == method) return name;
    }
    return "OTHER";
}

Method ParseMethod(std::string_view name) {
    for (const auto& [m, n] : kMethods) {
        if (n == name) return m;
    }
    return Method::kOther;
}

std::optional<std::string_view> Headers::Get(std::string_view name) const {
    for (const auto& [n, v] : fields_) {
        if (EqualsIgnoreCase(n, name)) return std::string_view(v);
    }
    return std::nullopt;
}

void Headers::Set(std::string_view name, std::string value) {
    std::erase_if(fields_, [&](const auto& field) { return EqualsIgnoreCase(field.first, name); });
    fields_.emplace_back(std::string(name), std::move(value));
}

void Headers::Add(std::string_view name, std::string value) {
    fields_.emplace_back(std::string(name), std::move(value));
}

std::string_view Request::Param(std::string_view name) const {
    for (const auto& [n, v] : path_params) {
        if (n == name) return v;
    }
    return {};
}

Response Response::Json(int status, std::string body) {
    Response response;
    response.status = status;
    response.headers.Set("Content-Type", "application/json");
    response.body = std::move(body);
    return response;
}

}  // namespace ponte::http

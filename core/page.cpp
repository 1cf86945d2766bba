#include "core/page.hpp"

#include <sodium.h>

#include <boost/json.hpp>
#include <boost/url/parse_query.hpp>
#include <charconv>

#include "core/crypto/random.hpp"
#include "core/policy/principal.hpp"

namespace ponte::core {
namespace {

// The purpose of the derived key (8 characters, crypto_kdf's context).
constexpr std::string_view kCursorPurpose = "pagecurs";
constexpr int kBase64 = sodium_base64_VARIANT_URLSAFE_NO_PADDING;

std::string Base64(std::string_view bytes) {
    std::string out(sodium_base64_ENCODED_LEN(bytes.size(), kBase64), '\0');
    sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                      kBase64);
    out.resize(out.size() - 1);  // the terminating NUL
    return out;
}

std::optional<std::string> Unbase64(std::string_view text) {
    std::string out(text.size(), '\0');
    std::size_t length = 0;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr,
                          &length, nullptr, kBase64) != 0) {
        return std::nullopt;
    }
    out.resize(length);
    return out;
}

// What the MAC covers: the list (the path), the caller and the position, each separated by a NUL
// that neither a path nor the position's JSON holds.
std::string Signed(const http::Request& request, std::string_view payload) {
    const std::int64_t caller = request.principal ? request.principal->user_id : 0;
    std::string message = request.path;
    message += '\0';
    message += std::to_string(caller);
    message += '\0';
    message += payload;
    return message;
}

std::string Mac(const crypto::Keyring& keyring, std::string_view key_id, std::string_view message) {
    const auto key = keyring.DeriveKey(key_id, kCursorPurpose);
    std::string mac(crypto_auth_BYTES, '\0');
    crypto_auth(reinterpret_cast<unsigned char*>(mac.data()), reinterpret_cast<const unsigned char*>(message.data()),
                message.size(), key.data());
    return mac;
}

Failure BadCursor(std::string internal) {
    Failure failure = Failure::Invalid("cursor", "invalid_cursor");
    failure.fault = Fault::kBadParameter;
    failure.internal = std::move(internal);
    return failure;
}

Failure BadLimit(std::string code) {
    Failure failure = Failure::Invalid("limit", std::move(code));
    failure.fault = Fault::kBadParameter;
    return failure;
}

// "<key id>.<base64url of the position's JSON>.<base64url of the MAC>"
std::optional<Position> OpenCursor(const http::Request& request, const crypto::Keyring& keyring,
                                   std::string_view cursor) {
    const auto first = cursor.find('.');
    const auto second = first == std::string_view::npos ? first : cursor.find('.', first + 1);
    if (second == std::string_view::npos) return std::nullopt;
    const std::string_view key_id = cursor.substr(0, first);
    const auto payload = Unbase64(cursor.substr(first + 1, second - first - 1));
    const auto mac = Unbase64(cursor.substr(second + 1));
    if (!payload || !mac || mac->size() != crypto_auth_BYTES || !crypto::Keyring::IsValidKeyId(key_id)) {
        return std::nullopt;
    }
    std::string expected;
    try {
        expected = Mac(keyring, key_id, Signed(request, *payload));
    } catch (const crypto::SealError&) {
        return std::nullopt;  // a key no longer in the key file
    }
    if (!crypto::ConstantTimeEqual(expected, *mac)) return std::nullopt;
    // Signed by us, so well-formed; checked all the same, as a bug must not become a 500.
    boost::system::error_code error;
    const boost::json::value position = boost::json::parse(*payload, error);
    if (error || !position.is_array() || position.as_array().size() != 2 || !position.as_array()[1].is_int64()) {
        return std::nullopt;
    }
    const auto& key = position.as_array()[0];
    Position out{.id = position.as_array()[1].as_int64()};
    if (key.is_int64()) {
        out.key = key.as_int64();
    } else if (key.is_string()) {
        out.key = std::string(key.as_string());
    } else {
        return std::nullopt;
    }
    return out;
}

}  // namespace

boost::json::array PageParameters() {
    return {
        {{"name", "limit"},
         {"in", "query"},
         {"required", false},
         {"description", "How many items, at most 200"},
         {"schema", {{"type", "integer"}, {"minimum", 1}, {"maximum", kMaxPageSize}, {"default", kDefaultPageSize}}}},
        {{"name", "cursor"},
         {"in", "query"},
         {"required", false},
         {"description", "The next_cursor of the page before, as it came"},
         {"schema", {{"type", "string"}, {"maxLength", 1024}}}}};
}

Outcome<PageRequest> ReadPage(const http::Request& request, const crypto::Keyring& keyring) {
    PageRequest page;
    auto query = boost::urls::parse_query(request.query);
    if (!query) return BadLimit("format");  // an unreadable query: name the first parameter lists read
    std::optional<std::string> limit;
    std::optional<std::string> cursor;
    for (const auto& param : *query) {
        const std::string key = param.key.decode();
        std::optional<std::string>* slot = key == "limit" ? &limit : key == "cursor" ? &cursor : nullptr;
        if (slot == nullptr) continue;
        if (slot->has_value()) return key == "limit" ? BadLimit("format") : BadCursor("cursor given twice");
        *slot = param.has_value ? param.value.decode() : std::string();
    }
    if (limit) {
        std::int64_t value = 0;
        const char* end = limit->data() + limit->size();
        const auto [at, error] = std::from_chars(limit->data(), end, value);
        if (limit->empty() || error == std::errc::result_out_of_range) {
            return BadLimit(limit->empty() ? "format" : "too_large");
        }
        if (error != std::errc() || at != end) return BadLimit("format");
        if (value < 1) return BadLimit("too_small");
        if (value > kMaxPageSize) return BadLimit("too_large");
        page.limit = value;
    }
    if (cursor) {
        page.after = OpenCursor(request, keyring, *cursor);
        if (!page.after) return BadCursor("cursor not issued for this list and caller");
    }
    return page;
}

std::string IssueCursor(const http::Request& request, const crypto::Keyring& keyring, const Position& last) {
    boost::json::array position;
    if (const auto* text = std::get_if<std::string>(&last.key)) {
        position.emplace_back(*text);
    } else if (const auto* number = std::get_if<std::int64_t>(&last.key)) {
        position.emplace_back(*number);
    } else {
        position.emplace_back(nullptr);  // a sort key that is never null: lists sort on one
    }
    position.emplace_back(last.id);
    const std::string payload = boost::json::serialize(position);
    const std::string& key_id = keyring.current_id();
    return key_id + "." + Base64(payload) + "." + Base64(Mac(keyring, key_id, Signed(request, payload)));
}

boost::json::value NextCursor(const http::Request& request, const crypto::Keyring& keyring,
                              const std::optional<Position>& next) {
    if (!next) return nullptr;
    return boost::json::string(IssueCursor(request, keyring, *next));
}

namespace {

std::string Beyond(const PageRequest& page, std::string_view key_column, std::string_view id_column,
                   std::vector<db::Value>& params, std::string_view beyond) {
    if (!page.after) return "(1 = 1)";
    // Spelled out rather than as a row value, so that each engine can use the (key, id) index.
    params.push_back(page.after->key);
    const std::string key = "$" + std::to_string(params.size());
    params.emplace_back(page.after->id);
    const std::string id = "$" + std::to_string(params.size());
    const std::string op = " " + std::string(beyond) + " ";
    return "(" + std::string(key_column) + op + key + " OR (" + std::string(key_column) + " = " + key + " AND " +
           std::string(id_column) + op + id + "))";
}

}  // namespace

std::string Before(const PageRequest& page, std::string_view key_column, std::string_view id_column,
                   std::vector<db::Value>& params) {
    return Beyond(page, key_column, id_column, params, "<");
}

std::string After(const PageRequest& page, std::string_view key_column, std::string_view id_column,
                  std::vector<db::Value>& params) {
    return Beyond(page, key_column, id_column, params, ">");
}

std::string FetchLimit(const PageRequest& page, std::vector<db::Value>& params) {
    params.emplace_back(page.limit + 1);
    return "$" + std::to_string(params.size());
}

}  // namespace ponte::core

#include "core/http/json_body.hpp"

#include <algorithm>
#include <stdexcept>

#include "core/http/body_schema.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <fmt/format.h>
#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/parse.hpp>
#include <set>
#include <vector>

namespace ponte::http {
namespace {

constexpr std::size_t kMaxDepth = 32;

// A handler for Boost.JSON's SAX parser that only looks at keys: it stops at the first key that
// appears twice in one object. (boost::json::parse keeps the last one silently.)
struct DuplicateKeyFinder {
    static constexpr std::size_t max_object_size = -1;
    static constexpr std::size_t max_array_size = -1;
    static constexpr std::size_t max_key_size = -1;
    static constexpr std::size_t max_string_size = -1;

    std::vector<std::set<std::string, std::less<>>> open;  // the keys of each open object
    std::string key;                                       // the key being read, when in parts
    std::string duplicate;
    bool found = false;

    bool on_document_begin(boost::json::error_code&) { return true; }
    bool on_document_end(boost::json::error_code&) { return true; }
    bool on_array_begin(boost::json::error_code&) { return true; }
    bool on_array_end(std::size_t, boost::json::error_code&) { return true; }
    bool on_object_begin(boost::json::error_code&) {
        open.emplace_back();
        return true;
    }
    bool on_object_end(std::size_t, boost::json::error_code&) {
        open.pop_back();
        return true;
    }
    bool on_string_part(boost::json::string_view, std::size_t, boost::json::error_code&) { return true; }
    bool on_string(boost::json::string_view, std::size_t, boost::json::error_code&) { return true; }
    bool on_key_part(boost::json::string_view part, std::size_t, boost::json::error_code&) {
        key.append(part.data(), part.size());
        return true;
    }
    bool on_key(boost::json::string_view last, std::size_t, boost::json::error_code& error) {
        key.append(last.data(), last.size());
        const bool fresh = open.back().insert(std::move(key)).second;
        if (!fresh) {
            found = true;
            duplicate.assign(last.data(), last.size());
            error = boost::json::error::syntax;  // stops the parser; `found` tells why
        }
        key.clear();
        return fresh;
    }
    bool on_number_part(boost::json::string_view, boost::json::error_code&) { return true; }
    bool on_int64(std::int64_t, boost::json::string_view, boost::json::error_code&) { return true; }
    bool on_uint64(std::uint64_t, boost::json::string_view, boost::json::error_code&) { return true; }
    bool on_double(double, boost::json::string_view, boost::json::error_code&) { return true; }
    bool on_bool(bool, boost::json::error_code&) { return true; }
    bool on_null(boost::json::error_code&) { return true; }
    bool on_comment_part(boost::json::string_view, boost::json::error_code&) { return true; }
    bool on_comment(boost::json::string_view, boost::json::error_code&) { return true; }
};

// Precondition: `body` is well-formed JSON within the depth limit.
std::optional<std::string> DuplicateKey(std::string_view body) {
    boost::json::parse_options options;
    options.max_depth = kMaxDepth;
    boost::json::basic_parser<DuplicateKeyFinder> parser(options);
    boost::json::error_code error;
    parser.write_some(false, body.data(), body.size(), error);
    if (parser.handler().found) return parser.handler().duplicate;
    return std::nullopt;
}

// The first code point that a text of `text` kind may not hold, as a field error code.
std::optional<std::string_view> RefusedCharacter(std::string_view text, Text kind) {
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
    const auto length = static_cast<std::int32_t>(text.size());
    for (std::int32_t i = 0; i < length;) {
        UChar32 c = 0;
        U8_NEXT(bytes, i, length, c);
        if (c < 0) return "format";
        const bool layout = kind == Text::kProse && (c == '\n' || c == '\t');
        const bool refused = kind == Text::kSecret ? c == 0 : !layout && (c <= 0x1F || (c >= 0x7F && c <= 0x9F));
        if (refused) return "control_characters";
    }
    return std::nullopt;
}

}  // namespace

std::string NormalizeNfc(std::string_view text) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(status);
    if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU NFC: ") + u_errorName(status));
    const icu::UnicodeString source =
        icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<std::int32_t>(text.size())));
    if (nfc->isNormalized(source, status) && U_SUCCESS(status)) return std::string(text);
    status = U_ZERO_ERROR;
    const icu::UnicodeString normalized = nfc->normalize(source, status);
    if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU NFC: ") + u_errorName(status));
    std::string out;
    normalized.toUTF8String(out);
    return out;
}

bool HasDirectionOverride(std::string_view text) {
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
    const auto length = static_cast<std::int32_t>(text.size());
    for (std::int32_t i = 0; i < length;) {
        UChar32 c = 0;
        U8_NEXT(bytes, i, length, c);
        // Embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069) reorder what follows;
        // the marks U+200E, U+200F and U+061C only nudge neutral characters, as keyboards insert.
        if (u_hasBinaryProperty(c, UCHAR_BIDI_CONTROL) && c != 0x200E && c != 0x200F && c != 0x061C) return true;
    }
    return false;
}

bool HasVisibleCharacter(std::string_view text) {
    const auto* bytes = reinterpret_cast<const std::uint8_t*>(text.data());
    const auto length = static_cast<std::int32_t>(text.size());
    for (std::int32_t i = 0; i < length;) {
        UChar32 c = 0;
        U8_NEXT(bytes, i, length, c);
        if (c < 0 || u_isUWhiteSpace(c) || u_hasBinaryProperty(c, UCHAR_DEFAULT_IGNORABLE_CODE_POINT)) continue;
        switch (u_charType(c)) {
            case U_CONTROL_CHAR:
            case U_FORMAT_CHAR:
            case U_SURROGATE:
            case U_UNASSIGNED:
            case U_SPACE_SEPARATOR:
            case U_LINE_SEPARATOR:
            case U_PARAGRAPH_SEPARATOR:
            case U_NON_SPACING_MARK:
            case U_ENCLOSING_MARK:
                continue;
            default:
                // U+2800 (braille blank) is a symbol that shows nothing.
                if (c == 0x2800) continue;
                return true;
        }
    }
    return false;
}

core::Outcome<boost::json::object> ParseJsonObject(std::string_view body) {
    boost::json::parse_options options;
    options.max_depth = kMaxDepth;
    boost::system::error_code error;
    boost::json::value value = boost::json::parse(body, error, {}, options);
    if (error) {
        return core::Failure{core::Fault::kUnreadable,
                             error == boost::json::error::too_deep ? "detail.json_too_deep" : "detail.json_syntax",
                             error.message()};
    }
    if (auto duplicate = DuplicateKey(body)) {
        return core::Failure{core::Fault::kUnreadable, "detail.json_duplicate_key", "key appears twice: " + *duplicate};
    }
    if (!value.is_object()) return core::Failure{core::Fault::kUnreadable, "detail.json_object"};
    return std::move(value.as_object());
}

JsonFields::JsonFields(const Request& request) : object_(request.json) {
    // A route that declares no body schema has no body to read: a bug in its handler, which must
    // not go unnoticed in a release build (an assert would be compiled out there).
    if (request.body_schema == nullptr) {
        throw std::logic_error(fmt::format("JsonFields on {} {}: the route declares no request body schema",
                                           request.method_name, request.path));
    }
    errors_ = request.body_schema->Check(request.json);
    request.body_checked = true;
}

bool JsonFields::InError(std::string_view name) const {
    return std::any_of(errors_.begin(), errors_.end(), [&](const FieldError& error) { return error.field == name; });
}

std::optional<std::string> JsonFields::String(std::string_view name, Text kind) {
    if (InError(name)) return std::nullopt;
    return Checked(object_.if_contains(name), name, kind);
}

std::optional<std::string> JsonFields::StringIn(const boost::json::object& item, std::string_view key,
                                                std::string_view name, Text kind) {
    if (InError(name)) return std::nullopt;
    return Checked(item.if_contains(key), name, kind);
}

std::optional<std::string> JsonFields::Checked(const boost::json::value* value, std::string_view name, Text kind) {
    if (value == nullptr || value->is_null()) return std::nullopt;
    if (!value->is_string()) {
        Invalid(name, "type");
        return std::nullopt;
    }
    std::string code;
    auto text = CheckText(value->get_string(), kind, code);
    if (!text) Invalid(name, code);
    return text;
}

std::optional<std::string> CheckText(std::string_view given, Text kind, std::string& code) {
    if (auto refused = RefusedCharacter(given, kind)) {
        code = std::string(*refused);
        return std::nullopt;
    }
    std::string text = kind == Text::kSecret ? std::string(given) : NormalizeNfc(given);
    if ((kind == Text::kName || kind == Text::kProse) && !HasVisibleCharacter(text)) {
        code = "no_visible_character";
        return std::nullopt;
    }
    if (kind == Text::kName && HasDirectionOverride(text)) {
        code = "direction_override";
        return std::nullopt;
    }
    return text;
}

const boost::json::array* JsonFields::Array(std::string_view name) {
    const std::string prefix = std::string(name) + ".";
    const bool refused = std::any_of(errors_.begin(), errors_.end(), [&](const FieldError& error) {
        return error.field == name || error.field.starts_with(prefix);
    });
    if (refused) return nullptr;
    const boost::json::value* value = object_.if_contains(name);
    if (value == nullptr || value->is_null()) return nullptr;
    if (!value->is_array()) {
        Invalid(name, "type");
        return nullptr;
    }
    return &value->get_array();
}

std::optional<bool> JsonFields::Bool(std::string_view name) {
    if (InError(name)) return std::nullopt;
    const boost::json::value* value = object_.if_contains(name);
    if (value == nullptr) return std::nullopt;
    if (!value->is_bool()) {
        Invalid(name, "type");
        return std::nullopt;
    }
    return value->as_bool();
}

std::optional<std::int64_t> JsonFields::Int(std::string_view name) {
    if (InError(name)) return std::nullopt;
    const boost::json::value* value = object_.if_contains(name);
    if (value == nullptr) return std::nullopt;
    if (value->is_int64()) return value->get_int64();
    Invalid(name, value->is_uint64() ? "too_large" : "type");
    return std::nullopt;
}

void JsonFields::Invalid(std::string_view name, std::string code) {
    if (InError(name)) return;  // the first reason is the one to fix first
    errors_.push_back({std::string(name), std::move(code)});
}

std::optional<core::Failure> JsonFields::Finish() {
    if (errors_.empty()) return std::nullopt;
    return core::Failure{.fault = core::Fault::kInvalidFields, .errors = std::move(errors_)};
}

}  // namespace ponte::http

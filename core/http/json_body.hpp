// Decoding of JSON request bodies into checked fields, collecting every error at once so that a
// form can show them all. Unknown fields are errors too: a typo never passes silently.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/http/message.hpp"
#include "core/http/problem.hpp"
#include "core/outcome.hpp"

namespace ponte::http {

// Parses `body` as a JSON object. Malformed JSON, invalid UTF-8, nesting deeper than 32 levels or
// a key that appears twice in one object (which JSON parsers resolve differently) give
// kUnreadable; another JSON type at the top gives kUnreadable with its own detail.
core::Outcome<boost::json::object> ParseJsonObject(std::string_view body);

// What a text field holds, which decides the checks beyond its length.
enum class Text {
    kPlain,   // no control characters (U+0000-U+001F, U+007F-U+009F: code "control_characters");
              // answered in Unicode normalization form C, so that equal texts are equal bytes
    kName,    // as kPlain, and at least one visible character: not only spaces, invisible or
              // direction-changing characters (code "no_visible_character"); and no bidirectional
              // embedding, override or isolate, which could show another name than the one stored
              // (code "direction_override")
    kSecret,  // anything but NUL, kept byte for byte: a passphrase is compared as it was typed
    kProse,   // a text of lines (a note): as kPlain, but with line feeds and tabs; and at least one
              // visible character (code "no_visible_character")
};

// Reads fields from a parsed object. Each getter records an error when the field is missing (for
// required ones), of the wrong type or out of bounds; Finish() reports them all.
// `text` in Unicode normalization form C. Precondition: valid UTF-8.
std::string NormalizeNfc(std::string_view text);

// True when `text` holds a character that shows: not a space, a control, a format or direction
// character (U+200B, U+202E), a default-ignorable one (U+3164) or a lone combining mark.
// Precondition: valid UTF-8.
bool HasVisibleCharacter(std::string_view text);
// True when `text` (valid UTF-8) has a bidirectional embedding, override or isolate.
bool HasDirectionOverride(std::string_view text);

// `given` checked and normalized as a string field of `kind` is, for a text that comes from
// elsewhere than a JSON body (a query parameter): the text, or nullopt with `code` set to the
// error code ("format" for invalid UTF-8, "control_characters", "no_visible_character", ...).
std::optional<std::string> CheckText(std::string_view given, Text kind, std::string& code);

// Reads the body of a JSON route. Constructing it checks the body against the route's schema
// (BodySchema: shape, types, bounds, required and unknown fields), so that a handler first decides
// who may reach the records its path names and only then looks at the body; the getters add the
// checks a schema cannot express about text. Errors are collected, and Finish() reports them all,
// so that a form can show them; a field the schema refused reads as absent.
class JsonFields {
  public:
    // Precondition: the request went to a route that takes JSON (Route::TakesJson); else throws
    // std::logic_error naming the request's method and path (the dispatcher answers 500).
    explicit JsonFields(const Request& request);

    // The string field `name`, checked and normalized as `kind` says; nullopt when it is absent or
    // null, or refused (with its error recorded).
    std::optional<std::string> String(std::string_view name, Text kind = Text::kPlain);

    // The integer field `name`; nullopt when absent. A number beyond the 64-bit range is too_large.
    std::optional<std::int64_t> Int(std::string_view name);

    // The boolean field `name`; nullopt when absent.
    std::optional<bool> Bool(std::string_view name);

    // The array field `name` as the schema accepted it, for reading its items; nullptr when it is
    // absent, or refused itself or in any of its items ("name.2.code").
    const boost::json::array* Array(std::string_view name);

    // The string `key` of `item` (an object in the body, such as an array's), checked as String
    // does; errors name it `name`, the dotted path of the value ("scores.0.note").
    std::optional<std::string> StringIn(const boost::json::object& item, std::string_view key, std::string_view name,
                                        Text kind = Text::kPlain);

    // Records an error on `name` (for checks the caller makes on a value it read).
    void Invalid(std::string_view name, std::string code);

    // kInvalidFields naming every field in error; nullopt when all is well.
    std::optional<core::Failure> Finish();

  private:
    bool InError(std::string_view name) const;
    std::optional<std::string> Checked(const boost::json::value* value, std::string_view name, Text kind);

    const boost::json::object& object_;
    std::vector<FieldError> errors_;
};

}  // namespace ponte::http

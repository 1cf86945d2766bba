// Decoding of JSON request bodies into checked fields, collecting every error at once so that a
// form can show them all. Unknown fields are errors too: a typo never passes silently.
#pragma once

#include <boost/json/object.hpp>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "core/http/outcome.hpp"

namespace ponte::http {

// Parses `body` as a JSON object. Malformed JSON, invalid UTF-8, nesting deeper than 32 levels or
// a key that appears twice in one object (which JSON parsers resolve differently) give
// kMalformedJson; another JSON type at the top gives kMalformedJson with its own detail.
Outcome<boost::json::object> ParseJsonObject(std::string_view body);

// What a text field holds, which decides the checks beyond its length.
enum class Text {
    kPlain,   // no control characters (U+0000-U+001F, U+007F-U+009F: code "control_characters");
              // answered in Unicode normalization form C, so that equal texts are equal bytes
    kName,    // as kPlain, and at least one visible character: not only spaces, invisible or
              // direction-changing characters (code "no_visible_character"); and no bidirectional
              // embedding, override or isolate, which could show another name than the one stored
              // (code "direction_override")
    kSecret,  // anything but NUL, kept byte for byte: a passphrase is compared as it was typed
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

class JsonFields {
  public:
    explicit JsonFields(const boost::json::object& object) : object_(object) {}

    // A string of `min_length`..`max_length` Unicode code points (bounds inclusive, counted after
    // normalization), checked and normalized as `text` says.
    std::optional<std::string> RequiredString(std::string_view name, std::size_t min_length, std::size_t max_length,
                                              Text text = Text::kPlain);
    std::optional<std::string> OptionalString(std::string_view name, std::size_t min_length, std::size_t max_length,
                                              Text text = Text::kPlain);

    // An integer in [min, max]; a JSON number with a fraction is a type error.
    std::optional<std::int64_t> RequiredInt(std::string_view name, std::int64_t min, std::int64_t max);

    // A JSON true or false.
    std::optional<bool> RequiredBool(std::string_view name);

    // Records a format error on `name` (for checks the caller makes on a value it read).
    void Invalid(std::string_view name, std::string code);

    // kInvalidFields naming every field in error, including fields the caller never read;
    // nullopt when all is well.
    std::optional<Problem> Finish();

  private:
    std::optional<std::string> ReadString(std::string_view name, bool required, std::size_t min_length,
                                          std::size_t max_length, Text text);
    const boost::json::object& object_;
    std::set<std::string, std::less<>> read_;
    std::vector<FieldError> errors_;
};

}  // namespace ponte::http

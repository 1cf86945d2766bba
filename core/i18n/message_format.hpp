// ICU MessageFormat behind the catalogue (Catalogue::Format and PatternProblems); no other room
// needs it. ICU stays inside message_format.cpp.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/i18n/arguments.hpp"

namespace ponte::i18n {

// `pattern` (the text of `key`, written in `language`) formatted with `arguments`, dates in
// `time_zone`; on any error, logs it with the key and returns the pattern. Thread-safe (each
// thread keeps its own parsed formats).
std::string FormatPattern(std::string_view language, std::string_view key, std::string_view pattern,
                          const Arguments& arguments, std::string_view time_zone);

// The names of the arguments `pattern` uses, top-level and inside plural and select branches, each
// once and sorted; or why it is not a pattern the catalogue can format (a syntax error with its
// offset, numbered arguments).
struct PatternArguments {
    std::vector<std::string> names;
    std::optional<std::string> error;
};
PatternArguments ArgumentsOf(std::string_view language, std::string_view pattern);

}  // namespace ponte::i18n

// The values a catalogue message is formatted with (Catalogue::Format): named, each a text, a whole
// number, a decimal number or a moment. Kept apart from the catalogue so that an outcome can carry
// the arguments of its detail without knowing ICU.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <variant>

namespace ponte::i18n {

// A moment in time, as milliseconds since the Unix epoch (what core::NowMs() and the database
// store). The `date` and `time` argument types of a message format it in the reader's language
// and in the time zone given to Format.
struct Moment {
    std::int64_t ms_since_epoch = 0;
};

using Argument = std::variant<std::string, std::int64_t, double, Moment>;

// name -> value, e.g. {{"name", display_name}, {"minutes", 15}, {"when", Moment{starts_at}}}.
using Arguments = std::map<std::string, Argument, std::less<>>;

}  // namespace ponte::i18n

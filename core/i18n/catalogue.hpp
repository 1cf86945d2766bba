// The server's message catalogue: translated titles of problems and field errors, mails, reminders
// and the texts of documents.
//
// Messages live in core/i18n/messages/<locale>.json and modules/<word>/messages/<locale>.json
// (flat key -> text), embedded in the binary. A translator adds a language by adding one file; no
// code changes. Missing keys fall back to English, then to the key itself.
//
// Every text is an ICU MessageFormat pattern, the syntax the web app's messages use: named
// arguments ("Hello {name}"), plurals by the language's own rules ("{days, plural, one {# day}
// other {# days}}"; Arabic has zero, one, two, few, many and other), numbers, dates and times in
// the reader's language ("{when, date, full} at {when, time, short}"). An apostrophe is a letter,
// except that one before a brace (or before # inside a plural) starts quoted text: write '' for an
// apostrophe there. The unit tests check that every embedded message parses and uses the same
// arguments as its English text.
//
// Thread-safe: the catalogue is immutable after construction; formatting keeps its parsed patterns
// per thread.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/i18n/arguments.hpp"

namespace ponte::i18n {

class Catalogue {
  public:
    // The catalogue of all embedded languages, loaded once.
    static const Catalogue& Instance();

    // Builds a catalogue from locale -> (key -> text); used by Instance() and by tests.
    explicit Catalogue(std::map<std::string, std::map<std::string, std::string, std::less<>>, std::less<>> messages);

    // The text of `key` in `locale`, falling back to "en" and then to the key: Format without
    // arguments (so that a quoted apostrophe reads as one). For a text without placeholders.
    std::string Translate(std::string_view locale, std::string_view key) const;

    // The message of `key` in `locale` (falling back to "en", then to the key itself) formatted
    // with `arguments` by ICU's MessageFormat, in the language the text is written in (an English
    // fallback counts in English, as the web app does). Dates and times are shown in `time_zone`,
    // an IANA name ("Europe/Rome"). Its default, UTC, is right only for texts without a date: a
    // date means a day on a calendar, so a caller that shows one passes the zone of the
    // organization the reader belongs to; the server's own zone means nothing to her. An unknown
    // zone formats in UTC.
    //
    // Never throws for bad data: a pattern that does not parse, an argument it uses that is not
    // given, or a value of the wrong type (a text for {n, number}) logs an error with the key and
    // returns the unformatted pattern. Arguments the text does not use are ignored.
    //
    // Cost (measured here): the first call for a (text, time zone) on a thread parses the pattern,
    // 0.2 to 1 ms (more with date formats); later calls on that thread format a cached copy, 2 to
    // 4 microseconds (0.2 for a text without arguments). Safe to call from any thread.
    std::string Format(std::string_view locale, std::string_view key, const Arguments& arguments,
                       std::string_view time_zone = "UTC") const;

    // `locale` when the catalogue has it, else "en".
    std::string_view Resolve(std::string_view locale) const;

    // Picks the best available locale for an Accept-Language header value (RFC 9110 §12.5.4:
    // quality values, language ranges, primary-subtag match); "en" when nothing matches.
    std::string_view Negotiate(std::string_view accept_language) const;

    std::vector<std::string> Locales() const;
    // Keys present in "en" but missing in `locale`.
    std::vector<std::string> MissingKeys(std::string_view locale) const;

    // One line per message that is not a valid ICU MessageFormat pattern, or that uses numbered
    // arguments, or whose arguments differ from those of its English text (a translation that
    // renamed a placeholder, or an apostrophe that quoted one away): "<locale> <key>: <what>".
    // Empty when every message can be formatted.
    std::vector<std::string> PatternProblems() const;

  private:
    // The text of `key` and the locale it is written in; nullptr when no table has the key.
    std::pair<const std::string*, std::string_view> Lookup(std::string_view locale, std::string_view key) const;

    std::map<std::string, std::map<std::string, std::string, std::less<>>, std::less<>> messages_;
};

}  // namespace ponte::i18n

// The server's message catalogue: translated titles of problems and field errors.
//
// Messages live in core/i18n/messages/<locale>.json (flat key -> text), embedded in the binary.
// A translator adds a language by adding one file; no code changes. Missing keys fall back to
// English, then to the key itself. Thread-safe: the catalogue is immutable after first use.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace ponte::i18n {

class Catalogue {
  public:
    // The catalogue of all embedded languages, loaded once.
    static const Catalogue& Instance();

    // Builds a catalogue from locale -> (key -> text); used by Instance() and by tests.
    explicit Catalogue(std::map<std::string, std::map<std::string, std::string, std::less<>>, std::less<>> messages);

    // The text of `key` in `locale`, falling back to "en" and then to the key.
    std::string Translate(std::string_view locale, std::string_view key) const;

    // `locale` when the catalogue has it, else "en".
    std::string_view Resolve(std::string_view locale) const;

    // Picks the best available locale for an Accept-Language header value (RFC 9110 §12.5.4:
    // quality values, language ranges, primary-subtag match); "en" when nothing matches.
    std::string_view Negotiate(std::string_view accept_language) const;

    std::vector<std::string> Locales() const;
    // Keys present in "en" but missing in `locale`.
    std::vector<std::string> MissingKeys(std::string_view locale) const;

  private:
    std::map<std::string, std::map<std::string, std::string, std::less<>>, std::less<>> messages_;
};

}  // namespace ponte::i18n

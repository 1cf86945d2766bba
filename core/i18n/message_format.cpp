#include "core/i18n/message_format.hpp"

#include <unicode/messagepattern.h>
#include <unicode/msgfmt.h>
#include <unicode/timezone.h>

#include <algorithm>
#include <memory>
#include <unordered_map>

#include "core/log/log.hpp"

namespace ponte::i18n {
namespace {

// Parsed formats kept per thread, at most this many; past it the cache starts over. A catalogue
// has a few hundred texts and a server uses a few of its languages and zones, so this holds the
// working set without growing without bound on a small machine.
constexpr std::size_t kMaxCachedFormats = 512;

struct Compiled {
    std::unique_ptr<icu::MessageFormat> format;  // null when the pattern does not parse
    std::vector<icu::UnicodeString> names;       // the arguments it uses, for the missing-argument check
    std::string error;                           // why it does not parse
};

icu::UnicodeString Unicode(std::string_view text) {
    return icu::UnicodeString::fromUTF8(icu::StringPiece(text.data(), static_cast<int32_t>(text.size())));
}

// The zone to format dates in: `time_zone` when ICU knows it, else UTC (logged).
std::string ZoneOrUtc(std::string_view time_zone) {
    const std::unique_ptr<icu::TimeZone> zone(icu::TimeZone::createTimeZone(Unicode(time_zone)));
    if (*zone == icu::TimeZone::getUnknown()) {
        log::Error("unknown time zone; formatting in UTC", {{"time_zone", time_zone}});
        return "UTC";
    }
    return std::string(time_zone);
}

// The ICU locale of a catalogue language, with the time zone its date formats use. The zone goes
// in the locale ("@timezone=") because ICU creates the date formats of every argument, nested ones
// in plural branches included, from the locale; setting it on the top-level formats afterwards
// would miss those.
icu::Locale IcuLocale(std::string_view language, std::string_view time_zone) {
    icu::Locale locale(std::string(language).c_str());
    UErrorCode status = U_ZERO_ERROR;
    // Arabic in Latin digits, as the web app shows it: browsers' CLDR (Chromium 156, ICU 78) formats
    // "ar" with Latin digits, while Debian 12's ICU 72 still defaults to Arabic-Indic ones; one
    // woman should not read "15" on the screen and "١٥" in her mail.
    if (language == "ar") locale.setKeywordValue("numbers", "latn", status);
    locale.setKeywordValue("timezone", std::string(time_zone).c_str(), status);
    return locale;
}

std::string Utf8(const icu::UnicodeString& text) {
    std::string out;
    text.toUTF8String(out);
    return out;
}

std::string Describe(UErrorCode status, const UParseError& where) {
    std::string text = u_errorName(status);
    if (where.offset >= 0) text += " at offset " + std::to_string(where.offset);
    return text;
}

// The argument names of a parsed pattern, sorted and each once; false when it uses numbered ones.
bool Names(const icu::MessagePattern& parsed, std::vector<icu::UnicodeString>& names) {
    bool named = true;
    for (int32_t i = 0; i < parsed.countParts(); ++i) {
        const icu::MessagePattern::Part& part = parsed.getPart(i);
        if (part.getType() == UMSGPAT_PART_TYPE_ARG_NUMBER) named = false;
        // A copy, not getSubstring(): that aliases the pattern's buffer, which dies with `parsed`.
        if (part.getType() == UMSGPAT_PART_TYPE_ARG_NAME) {
            names.emplace_back(parsed.getPatternString(), part.getIndex(), part.getLength());
        }
    }
    std::sort(names.begin(), names.end());
    names.erase(std::unique(names.begin(), names.end()), names.end());
    return named;
}

Compiled Compile(std::string_view language, std::string_view pattern, std::string_view time_zone) {
    Compiled compiled;
    const icu::UnicodeString text = Unicode(pattern);
    UErrorCode status = U_ZERO_ERROR;
    UParseError where{};
    where.offset = -1;
    const icu::MessagePattern parsed(text, &where, status);
    if (U_FAILURE(status)) {
        compiled.error = Describe(status, where);
        return compiled;
    }
    if (!Names(parsed, compiled.names)) {
        compiled.error = "numbered arguments; name them";
        return compiled;
    }
    // The format checks what the bare syntax does not: argument types and styles, plural keywords.
    where.offset = -1;
    auto format = std::make_unique<icu::MessageFormat>(text, IcuLocale(language, time_zone), where, status);
    if (U_FAILURE(status)) {
        compiled.error = Describe(status, where);
        return compiled;
    }
    compiled.format = std::move(format);
    return compiled;
}

icu::Formattable ToFormattable(const Argument& argument) {
    struct Visitor {
        icu::Formattable operator()(const std::string& text) const { return {Unicode(text)}; }
        icu::Formattable operator()(std::int64_t number) const { return {static_cast<int64_t>(number)}; }
        icu::Formattable operator()(double number) const { return {number}; }
        icu::Formattable operator()(Moment moment) const {
            return {static_cast<UDate>(moment.ms_since_epoch), icu::Formattable::kIsDate};
        }
    };
    return std::visit(Visitor{}, argument);
}

const Compiled& Cached(std::string_view language, std::string_view pattern, std::string_view time_zone) {
    // ICU: "MessageFormats are not synchronized. It is recommended to create separate format
    // instances for each thread." Parsing costs far more than formatting, so each thread keeps its
    // own, keyed by the text itself (not the message key: two catalogues may give one key two texts).
    thread_local std::unordered_map<std::string, Compiled> cache;
    std::string cache_key;
    cache_key.reserve(language.size() + time_zone.size() + pattern.size() + 2);
    cache_key.append(language).append(1, '\0').append(time_zone).append(1, '\0').append(pattern);
    if (auto it = cache.find(cache_key); it != cache.end()) return it->second;
    if (cache.size() >= kMaxCachedFormats) cache.clear();
    return cache.emplace(std::move(cache_key), Compile(language, pattern, ZoneOrUtc(time_zone))).first->second;
}

}  // namespace

std::string FormatPattern(std::string_view language, std::string_view key, std::string_view pattern,
                          const Arguments& arguments, std::string_view time_zone) {
    const Compiled& compiled = Cached(language, pattern, time_zone);
    if (!compiled.format) {
        log::Error("message is not a valid pattern", {{"key", key}, {"locale", language}, {"error", compiled.error}});
        return std::string(pattern);
    }
    // ICU would print a missing argument as "{name}" without an error; the check is ours.
    std::vector<icu::UnicodeString> names;
    std::vector<icu::Formattable> values;
    names.reserve(compiled.names.size());
    values.reserve(compiled.names.size());
    for (const auto& name : compiled.names) {
        const std::string utf8 = Utf8(name);
        auto it = arguments.find(utf8);
        if (it == arguments.end()) {
            log::Error("message argument missing", {{"key", key}, {"locale", language}, {"argument", utf8}});
            return std::string(pattern);
        }
        names.push_back(name);
        values.push_back(ToFormattable(it->second));
    }
    icu::UnicodeString out;
    UErrorCode status = U_ZERO_ERROR;
    compiled.format->format(names.data(), values.data(), static_cast<int32_t>(names.size()), out, status);
    if (U_FAILURE(status)) {
        log::Error("message could not be formatted",
                   {{"key", key}, {"locale", language}, {"error", u_errorName(status)}});
        return std::string(pattern);
    }
    return Utf8(out);
}

PatternArguments ArgumentsOf(std::string_view language, std::string_view pattern) {
    const Compiled compiled = Compile(language, pattern, "UTC");
    PatternArguments result;
    if (!compiled.format) {
        result.error = compiled.error;
        return result;
    }
    for (const auto& name : compiled.names) result.names.push_back(Utf8(name));
    return result;
}

}  // namespace ponte::i18n

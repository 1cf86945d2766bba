#include "core/i18n/catalogue.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <stdexcept>

#include "core/embed/embedded.hpp"
#include "core/i18n/message_format.hpp"

namespace ponte::i18n {
namespace {

constexpr std::string_view kMessagesDir = "/messages/";
constexpr std::string_view kDefaultLocale = "en";

std::string Lower(std::string_view text) {
    std::string out(text);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

std::string_view Trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

}  // namespace

const Catalogue& Catalogue::Instance() {
    static const Catalogue instance = [] {
        std::map<std::string, std::map<std::string, std::string, std::less<>>, std::less<>> messages;
        // Core's catalogue (core/i18n/messages/<lang>.json) and each module's
        // (modules/<word>/messages/<lang>.json), merged; a key may be defined once.
        for (const auto& file : embed::All()) {
            const auto dir = file.path.rfind(kMessagesDir);
            if (dir == std::string_view::npos || !file.path.ends_with(".json")) continue;
            const auto start = dir + kMessagesDir.size();
            std::string locale(file.path.substr(start, file.path.size() - start - 5));
            auto& table = messages[locale];
            const boost::json::value parsed = boost::json::parse(file.content);
            for (const auto& [key, value] : parsed.as_object()) {
                if (!table.emplace(std::string(key), std::string(value.as_string())).second) {
                    throw std::logic_error("message key defined twice: " + std::string(key) + " in " +
                                           std::string(file.path));
                }
            }
        }
        return Catalogue(std::move(messages));
    }();
    return instance;
}

Catalogue::Catalogue(std::map<std::string, std::map<std::string, std::string, std::less<>>, std::less<>> messages)
    : messages_(std::move(messages)) {
    if (!messages_.contains(kDefaultLocale)) throw std::invalid_argument("message catalogue has no English table");
}

std::pair<const std::string*, std::string_view> Catalogue::Lookup(std::string_view locale, std::string_view key) const {
    for (std::string_view candidate : {locale, kDefaultLocale}) {
        auto table = messages_.find(candidate);
        if (table == messages_.end()) continue;
        auto text = table->second.find(key);
        if (text != table->second.end()) return {&text->second, table->first};
    }
    return {nullptr, kDefaultLocale};
}

std::string Catalogue::Translate(std::string_view locale, std::string_view key) const {
    return Format(locale, key, {});
}

std::string Catalogue::Format(std::string_view locale, std::string_view key, const Arguments& arguments,
                              std::string_view time_zone) const {
    const auto [text, language] = Lookup(locale, key);
    if (text == nullptr) return std::string(key);
    return FormatPattern(language, key, *text, arguments, time_zone);
}

std::string_view Catalogue::Resolve(std::string_view locale) const {
    auto it = messages_.find(locale);
    return it == messages_.end() ? kDefaultLocale : std::string_view(it->first);
}

std::string_view Catalogue::Negotiate(std::string_view accept_language) const {
    std::string_view best = kDefaultLocale;
    double best_quality = 0.0;
    while (!accept_language.empty()) {
        auto comma = accept_language.find(',');
        std::string_view item = Trim(accept_language.substr(0, comma));
        accept_language = comma == std::string_view::npos ? std::string_view{} : accept_language.substr(comma + 1);

        double quality = 1.0;
        if (auto semicolon = item.find(';'); semicolon != std::string_view::npos) {
            std::string_view parameter = Trim(item.substr(semicolon + 1));
            item = Trim(item.substr(0, semicolon));
            if (parameter.starts_with("q=")) {
                try {
                    quality = std::stod(std::string(parameter.substr(2)));
                } catch (const std::exception&) {
                    quality = 0.0;  // a malformed weight counts as "not acceptable"
                }
            }
        }
        // "es-ES" matches the "es" table: ranges are matched on their primary subtag.
        std::string primary = Lower(item.substr(0, item.find('-')));
        auto table = messages_.find(primary);
        if (table != messages_.end() && quality > best_quality) {
            best = table->first;
            best_quality = quality;
        }
    }
    return best;
}

std::vector<std::string> Catalogue::Locales() const {
    std::vector<std::string> locales;
    for (const auto& [locale, table] : messages_) locales.push_back(locale);
    return locales;
}

std::vector<std::string> Catalogue::MissingKeys(std::string_view locale) const {
    std::vector<std::string> missing;
    auto table = messages_.find(locale);
    for (const auto& [key, text] : messages_.at(std::string(kDefaultLocale))) {
        if (table == messages_.end() || !table->second.contains(key)) missing.push_back(key);
    }
    return missing;
}

std::vector<std::string> Catalogue::PatternProblems() const {
    std::vector<std::string> problems;
    const auto& english = messages_.at(std::string(kDefaultLocale));
    for (const auto& [locale, table] : messages_) {
        for (const auto& [key, text] : table) {
            const PatternArguments found = ArgumentsOf(locale, text);
            if (found.error) {
                std::string problem = locale;
                problem.append(" ").append(key).append(": ").append(*found.error);
                problems.push_back(std::move(problem));
                continue;
            }
            auto original = english.find(key);
            if (locale == kDefaultLocale || original == english.end()) continue;
            const PatternArguments expected = ArgumentsOf(kDefaultLocale, original->second);
            if (!expected.error && found.names != expected.names) {
                std::string uses;
                for (const auto& name : found.names) uses += " {" + name + "}";
                std::string english_uses;
                for (const auto& name : expected.names) english_uses += " {" + name + "}";
                std::string problem = locale;
                problem.append(" ").append(key).append(": uses").append(uses.empty() ? " nothing" : uses);
                problem.append(" where English uses").append(english_uses.empty() ? " nothing" : english_uses);
                problems.push_back(std::move(problem));
            }
        }
    }
    return problems;
}

}  // namespace ponte::i18n

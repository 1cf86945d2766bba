#include "modules/directory/entries.hpp"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cctype>
#include <cmath>

#include "core/i18n/search_text.hpp"

namespace ponte::directory {
namespace {

std::string Text(const boost::json::object& object, std::string_view key) {
    const auto* value = object.if_contains(key);
    return value != nullptr && value->is_string() ? std::string(value->get_string()) : std::string();
}

std::optional<int> Minutes(std::string_view text) {
    if (text.size() < 5 || text[2] != ':' || !std::isdigit(static_cast<unsigned char>(text[0])) ||
        !std::isdigit(static_cast<unsigned char>(text[1])) || !std::isdigit(static_cast<unsigned char>(text[3])) ||
        !std::isdigit(static_cast<unsigned char>(text[4])))
        return std::nullopt;
    const int hours = (text[0] - '0') * 10 + (text[1] - '0');
    const int minutes = (text[3] - '0') * 10 + (text[4] - '0');
    if (hours > 24 || minutes > 59 || (hours == 24 && minutes != 0)) return std::nullopt;
    return hours * 60 + minutes;
}

constexpr std::string_view kDays[] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};

// "YYYY-MM-DD" of a date or the date of a date-time; empty for anything else.
std::string DatePart(std::string_view text) {
    if (text.size() < 10 || text[4] != '-' || text[7] != '-') return "";
    return std::string(text.substr(0, 10));
}

void AddLanguages(const boost::json::object& object, std::vector<std::string>& languages) {
    const auto* list = object.if_contains("languages");
    if (list == nullptr || !list->is_array()) return;
    for (const auto& language : list->get_array()) {
        if (!language.is_object()) continue;
        std::string code = Text(language.as_object(), "code");
        std::ranges::transform(code, code.begin(), [](unsigned char c) { return std::tolower(c); });
        if (!code.empty() && std::ranges::find(languages, code) == languages.end()) languages.push_back(code);
    }
}

const boost::json::value* Schedules(const boost::json::object& object) {
    const auto* schedules = object.if_contains("schedules");
    return schedules != nullptr && schedules->is_array() && !schedules->get_array().empty() ? schedules : nullptr;
}

}  // namespace

std::string Searchable(std::string_view text) {
    std::string searchable = " ";
    for (const std::string& word : SearchWords(text)) searchable += word + ' ';
    return searchable;
}

std::vector<Opening> OpeningsOf(const boost::json::value* schedules) {
    std::vector<Opening> openings;
    if (schedules == nullptr || !schedules->is_array()) return openings;
    for (const auto& item : schedules->get_array()) {
        if (!item.is_object()) continue;
        const boost::json::object& schedule = item.as_object();
        const std::string freq = Text(schedule, "freq");
        if (!freq.empty() && freq != "WEEKLY") continue;
        const auto opens = Minutes(Text(schedule, "opens_at"));
        const auto closes = Minutes(Text(schedule, "closes_at"));
        if (!opens || !closes || *closes <= *opens) continue;
        std::vector<int> days;
        const std::string byday = Text(schedule, "byday");
        if (byday.empty()) {
            days = {1, 2, 3, 4, 5, 6, 7};
        } else {
            std::size_t start = 0;
            while (start < byday.size()) {
                const std::size_t end = std::min(byday.find(',', start), byday.size());
                std::string day = byday.substr(start, end - start);
                std::erase(day, ' ');
                for (int i = 0; i < 7; ++i) {
                    if (day == kDays[i]) days.push_back(i + 1);
                }
                start = end + 1;
            }
        }
        for (int day : days) {
            openings.push_back({.day = day,
                                .opens = *opens,
                                .closes = *closes,
                                .valid_from = DatePart(Text(schedule, "valid_from")),
                                .valid_to = DatePart(Text(schedule, "valid_to"))});
        }
    }
    return openings;
}

std::string TimeZoneOf(const boost::json::object& location) {
    if (std::string zone = Text(location, "ponte_time_zone"); !zone.empty()) return zone;
    if (const auto* schedules = Schedules(location)) {
        for (const auto& schedule : schedules->get_array()) {
            const auto* offset = schedule.is_object() ? schedule.as_object().if_contains("timezone") : nullptr;
            if (offset == nullptr || !offset->is_number()) continue;
            const double hours = offset->to_number<double>();
            if (hours != std::floor(hours)) continue;
            const int whole = static_cast<int>(hours);
            // POSIX signs: Etc/GMT-3 is three hours ahead of UTC.
            return whole == 0 ? "UTC"
                              : "Etc/GMT" + std::string(whole > 0 ? "-" : "+") + std::to_string(std::abs(whole));
        }
    }
    return std::string(kDefaultTimeZone);
}

std::vector<Entry> EntriesOf(const Service& service, const Organization& organization,
                             const std::vector<std::pair<ServiceAtLocation, Location>>& places,
                             const std::vector<std::string>& term_names) {
    std::string words = service.name + ' ' + Text(service.document, "alternate_name") + ' ' +
                        Text(service.document, "description") + ' ' + organization.name + ' ' +
                        Text(organization.document, "alternate_name");
    for (const std::string& term : term_names) words += ' ' + term;
    std::vector<std::string> service_languages;
    AddLanguages(service.document, service_languages);
    const std::vector<Opening> service_hours = OpeningsOf(Schedules(service.document));
    const std::string name = i18n::FoldForSearch(service.name);

    std::vector<Entry> entries;
    if (places.empty()) {
        entries.push_back({.name = name,
                           .time_zone = std::string(kDefaultTimeZone),
                           .search_text = Searchable(words),
                           .languages = service_languages,
                           .hours = service_hours});
        return entries;
    }
    for (const auto& [at, location] : places) {
        Entry entry{.location_id = location.id,
                    .name = name,
                    .place_name = Text(location.document, "name"),
                    .latitude = location.confidential ? std::nullopt : location.latitude,
                    .longitude = location.confidential ? std::nullopt : location.longitude,
                    .time_zone = TimeZoneOf(location.document),
                    .languages = service_languages};
        entry.search_text = Searchable(words + ' ' + entry.place_name);
        AddLanguages(location.document, entry.languages);
        // The most particular hours: those of the service at this location, else the service's,
        // else the location's.
        if (const auto* own = Schedules(at.document)) {
            entry.hours = OpeningsOf(own);
        } else if (!service_hours.empty()) {
            entry.hours = service_hours;
        } else {
            entry.hours = OpeningsOf(Schedules(location.document));
        }
        entries.push_back(std::move(entry));
    }
    return entries;
}

bool IsOpenAt(const std::vector<Opening>& hours, const i18n::LocalTime& now) {
    char date[11];
    std::snprintf(date, sizeof date, "%04d-%02d-%02d", now.year, now.month, now.day);
    return std::ranges::any_of(hours, [&](const Opening& opening) {
        return opening.day == now.weekday && opening.opens <= now.minute && now.minute < opening.closes &&
               (opening.valid_from.empty() || opening.valid_from <= date) &&
               (opening.valid_to.empty() || date <= opening.valid_to);
    });
}

std::vector<std::string> SearchWords(std::string_view typed) {
    const std::string folded = i18n::FoldForSearch(typed);
    std::vector<std::string> words;
    std::string word;
    std::int32_t at = 0;
    const auto length = static_cast<std::int32_t>(folded.size());
    while (at < length) {
        const std::int32_t start = at;
        UChar32 c = 0;
        U8_NEXT(folded.c_str(), at, length, c);
        const auto category = static_cast<UCharCategory>(u_charType(c));
        const bool letter_or_digit =
            c >= 0 && (u_isalpha(c) || u_isdigit(c) || u_getNumericValue(c) != U_NO_NUMERIC_VALUE ||
                       category == U_PRIVATE_USE_CHAR);
        if (letter_or_digit) {
            word.append(folded, static_cast<std::size_t>(start), static_cast<std::size_t>(at - start));
        } else if (!word.empty()) {
            words.push_back(std::move(word));
            word.clear();
        }
    }
    if (!word.empty()) words.push_back(std::move(word));
    return words;
}

}  // namespace ponte::directory

#include "core/i18n/local_time.hpp"

#include <unicode/calendar.h>
#include <unicode/gregocal.h>
#include <unicode/timezone.h>

#include <charconv>
#include <chrono>
#include <cstdio>
#include <memory>
#include <stdexcept>

namespace ponte::i18n {
namespace {

std::unique_ptr<icu::TimeZone> Zone(std::string_view zone) {
    return std::unique_ptr<icu::TimeZone>(icu::TimeZone::createTimeZone(
        icu::UnicodeString::fromUTF8(icu::StringPiece(zone.data(), static_cast<int32_t>(zone.size())))));
}

// A Gregorian calendar in `zone` (the proleptic rules do not matter for the dates Ponte keeps).
std::unique_ptr<icu::Calendar> CalendarIn(std::string_view zone) {
    UErrorCode status = U_ZERO_ERROR;
    auto calendar = std::make_unique<icu::GregorianCalendar>(Zone(zone).release(), status);
    if (U_FAILURE(status)) throw std::runtime_error("ICU calendar: " + std::string(u_errorName(status)));
    return calendar;
}

int Field(const icu::Calendar& calendar, UCalendarDateFields field) {
    UErrorCode status = U_ZERO_ERROR;
    const int value = calendar.get(field, status);
    if (U_FAILURE(status)) throw std::runtime_error("ICU calendar field: " + std::string(u_errorName(status)));
    return value;
}

}  // namespace

bool IsKnownTimeZone(std::string_view zone) {
    if (zone.empty()) return false;
    return *Zone(zone) != icu::TimeZone::getUnknown();
}

LocalTime ToLocal(std::int64_t at_ms, std::string_view zone) {
    auto calendar = CalendarIn(zone);
    UErrorCode status = U_ZERO_ERROR;
    calendar->setTime(static_cast<UDate>(at_ms), status);
    if (U_FAILURE(status)) throw std::runtime_error("ICU setTime: " + std::string(u_errorName(status)));
    // ICU counts days of the week from Sunday (1) to Saturday (7).
    const int icu_weekday = Field(*calendar, UCAL_DAY_OF_WEEK);
    return {.year = Field(*calendar, UCAL_YEAR),
            .month = Field(*calendar, UCAL_MONTH) + 1,
            .day = Field(*calendar, UCAL_DATE),
            .weekday = icu_weekday == UCAL_SUNDAY ? 7 : icu_weekday - 1,
            .minute = Field(*calendar, UCAL_HOUR_OF_DAY) * 60 + Field(*calendar, UCAL_MINUTE)};
}

std::int64_t FromLocal(int year, int month, int day, int minute, std::string_view zone) {
    auto calendar = CalendarIn(zone);
    calendar->clear();
    calendar->set(year, month - 1, day, minute / 60, minute % 60, 0);
    UErrorCode status = U_ZERO_ERROR;
    const UDate at = calendar->getTime(status);
    if (U_FAILURE(status)) throw std::runtime_error("ICU getTime: " + std::string(u_errorName(status)));
    return static_cast<std::int64_t>(at);
}

std::optional<Date> ParseIsoDate(std::string_view text) {
    if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
    int parts[3] = {0, 0, 0};
    const std::string_view pieces[] = {text.substr(0, 4), text.substr(5, 2), text.substr(8, 2)};
    for (int i = 0; i < 3; ++i) {
        const auto [end, error] = std::from_chars(pieces[i].data(), pieces[i].data() + pieces[i].size(), parts[i]);
        if (error != std::errc() || end != pieces[i].data() + pieces[i].size()) return std::nullopt;
    }
    const std::chrono::year_month_day day{std::chrono::year(parts[0]),
                                          std::chrono::month(static_cast<unsigned>(parts[1])),
                                          std::chrono::day(static_cast<unsigned>(parts[2]))};
    if (!day.ok() || parts[0] < 1900 || parts[0] > 2999) return std::nullopt;
    return Date{parts[0], parts[1], parts[2]};
}

std::string IsoDateUtc(std::int64_t at_ms) {
    const auto days = std::chrono::floor<std::chrono::days>(
        std::chrono::sys_time<std::chrono::milliseconds>(std::chrono::milliseconds(at_ms)));
    const std::chrono::year_month_day day{days};
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(day.year()), static_cast<unsigned>(day.month()),
                  static_cast<unsigned>(day.day()));
    return text;
}

}  // namespace ponte::i18n

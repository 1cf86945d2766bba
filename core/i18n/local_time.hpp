// Wall-clock time in a time zone (an IANA id such as "Europe/Rome"), by ICU's time-zone data:
// opening hours, appointment slots and the hours at which a woman may be reached are told in the
// local time of a place, while instants are kept in UTC milliseconds.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ponte::i18n {

// True when ICU knows `zone` (an IANA id, or "UTC").
bool IsKnownTimeZone(std::string_view zone);

struct LocalTime {
    int year = 0;
    int month = 0;    // 1-12
    int day = 0;      // 1-31
    int weekday = 0;  // ISO: 1 Monday ... 7 Sunday
    int minute = 0;   // of the day, 0-1439
};

// The wall-clock time of the instant `at_ms` in `zone`. Precondition: IsKnownTimeZone(zone).
LocalTime ToLocal(std::int64_t at_ms, std::string_view zone);

// The instant at which the clocks of `zone` show `minute` of the day `year`-`month`-`day` (for a
// time skipped by a change to summer time, the instant just after the gap). Precondition:
// IsKnownTimeZone(zone), and a valid date.
std::int64_t FromLocal(int year, int month, int day, int minute, std::string_view zone);

// A calendar day, read from "YYYY-MM-DD": nullopt for any other text, or a day that does not
// exist (30 February), or a year before 1900 or after 2999.
struct Date {
    int year = 0;
    int month = 0;
    int day = 0;
};
std::optional<Date> ParseIsoDate(std::string_view text);

// The day of the instant `at_ms` in UTC, as "YYYY-MM-DD".
std::string IsoDateUtc(std::int64_t at_ms);

}  // namespace ponte::i18n

// What the directory's search reads of a service (migrations/0002): one entry per location it is
// at, or one without a place, each with the words it is found by, the languages spoken, and its
// weekly opening hours in its location's time zone. Pure: no I/O.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/i18n/local_time.hpp"
#include "modules/directory/model.hpp"

namespace ponte::directory {

// Opening hours on one day of the week, in minutes of the day, within the dates the schedule is
// valid ("YYYY-MM-DD"; empty: without bound).
struct Opening {
    int day = 1;  // ISO: 1 Monday ... 7 Sunday
    int opens = 0;
    int closes = 0;
    std::string valid_from;
    std::string valid_to;
};

struct Entry {
    std::string location_id;         // HSDS id; empty: a service with no place
    std::string name;                // the service's name, folded
    std::string place_name;          // the location's name as written; empty: none
    std::optional<double> latitude;  // none for a confidential location
    std::optional<double> longitude;
    std::string time_zone;
    std::string search_text;             // Searchable()
    std::vector<std::string> languages;  // ISO 639 codes, lower case, each once
    std::vector<Opening> hours;
};

// The time zone of opening hours with no zone of their own.
inline constexpr std::string_view kDefaultTimeZone = "UTC";

// The weekly openings of HSDS schedules: each weekly one (freq WEEKLY, or none) with its days
// (byday "MO,TU"; none: every day) and the hours it opens and closes. A monthly schedule, or one
// without its hours, has no weekly opening.
std::vector<Opening> OpeningsOf(const boost::json::value* schedules);

// The IANA time zone of a location: its `ponte_time_zone`, else the whole-hour UTC offset of its
// schedules as an "Etc/GMT" zone, else kDefaultTimeZone.
std::string TimeZoneOf(const boost::json::object& location);

// The entries of a service, at each of its places (an empty `places`: one entry without a place).
// Its terms are the taxonomy terms its attributes name, whose names it is also found by.
std::vector<Entry> EntriesOf(const Service& service, const Organization& organization,
                             const std::vector<std::pair<ServiceAtLocation, Location>>& places,
                             const std::vector<std::string>& term_names);

// True when one of `hours` is open at the local time `now`.
bool IsOpenAt(const std::vector<Opening>& hours, const i18n::LocalTime& now);

// The words of a typed search, folded, as the index cuts them: runs of letters and digits.
std::vector<std::string> SearchWords(std::string_view typed);

// The text an entry is found by: its words (SearchWords), each once between spaces (" sportello
// legale "), so that a word starting with what she typed is found as " typed" in it.
std::string Searchable(std::string_view text);

}  // namespace ponte::directory

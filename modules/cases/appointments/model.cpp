#include "modules/cases/appointments/model.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace ponte::cases {
namespace {

constexpr std::array<std::pair<Visit, std::string_view>, 3> kVisits{
    {{Visit::kIntake, "intake"}, {Visit::kFollowUp, "follow_up"}, {Visit::kWalkIn, "walk_in"}}};
constexpr std::array<std::pair<Attendance, std::string_view>, 4> kAttendances{{{Attendance::kBooked, "booked"},
                                                                               {Attendance::kAttended, "attended"},
                                                                               {Attendance::kCancelled, "cancelled"},
                                                                               {Attendance::kNoShow, "no_show"}}};

template <typename Value, std::size_t N>
std::string_view NameIn(const std::array<std::pair<Value, std::string_view>, N>& names, Value value) {
    for (const auto& [known, name] : names) {
        if (known == value) return name;
    }
    return "";
}

template <typename Value, std::size_t N>
std::optional<Value> ParseIn(const std::array<std::pair<Value, std::string_view>, N>& names, std::string_view text) {
    for (const auto& [known, name] : names) {
        if (name == text) return known;
    }
    return std::nullopt;
}

}  // namespace

std::optional<int> ParseClock(std::string_view text) {
    if (text.size() != 5 || text[2] != ':') return std::nullopt;
    for (std::size_t at : {0u, 1u, 3u, 4u}) {
        if (text[at] < '0' || text[at] > '9') return std::nullopt;
    }
    const int hours = (text[0] - '0') * 10 + (text[1] - '0');
    const int minutes = (text[3] - '0') * 10 + (text[4] - '0');
    // "24:00" closes a day that is open until midnight.
    if (hours == 24 && minutes == 0) return 24 * 60;
    if (hours > 23 || minutes > 59) return std::nullopt;
    return hours * 60 + minutes;
}

std::string ClockText(int minute) {
    const int hours = minute / 60;
    const int minutes = minute % 60;
    return {static_cast<char>('0' + hours / 10), static_cast<char>('0' + hours % 10), ':',
            static_cast<char>('0' + minutes / 10), static_cast<char>('0' + minutes % 10)};
}

std::optional<AppointmentRefusal> RefusedHours(const std::vector<OpeningRange>& hours) {
    for (std::size_t i = 0; i < hours.size(); ++i) {
        if (hours[i].closes <= hours[i].opens) return AppointmentRefusal{"hours", "before_start"};
        for (std::size_t j = 0; j < i; ++j) {
            if (hours[i].weekday == hours[j].weekday && hours[i].opens < hours[j].closes &&
                hours[j].opens < hours[i].closes) {
                return AppointmentRefusal{"hours", "overlap"};
            }
        }
    }
    return std::nullopt;
}

bool WithinHours(const std::vector<OpeningRange>& hours, const i18n::LocalTime& start, const i18n::LocalTime& end) {
    const bool same_day = start.year == end.year && start.month == end.month && start.day == end.day;
    // An appointment that ends at midnight ends on the next day at minute 0.
    const int end_minute = same_day ? end.minute : (end.minute == 0 ? 24 * 60 : -1);
    if (!same_day && end_minute < 0) return false;
    return std::any_of(hours.begin(), hours.end(), [&](const OpeningRange& range) {
        return range.weekday == start.weekday && start.minute >= range.opens && end_minute <= range.closes;
    });
}

bool Overlap(std::int64_t a_start, std::int64_t a_end, std::int64_t b_start, std::int64_t b_end) {
    return a_start < b_end && b_start < a_end;
}

std::string_view VisitName(Visit visit) { return NameIn(kVisits, visit); }
std::optional<Visit> ParseVisit(std::string_view name) { return ParseIn(kVisits, name); }
std::string_view AttendanceName(Attendance attendance) { return NameIn(kAttendances, attendance); }
std::optional<Attendance> ParseAttendance(std::string_view name) { return ParseIn(kAttendances, name); }

std::optional<AppointmentRefusal> RefusedOutcome(Attendance from, Attendance to, std::string_view reason) {
    if (from != Attendance::kBooked || to == Attendance::kBooked) return AppointmentRefusal{"state", "transition"};
    if (to == Attendance::kCancelled && reason.empty()) return AppointmentRefusal{"reason", "required"};
    return std::nullopt;
}

}  // namespace ponte::cases

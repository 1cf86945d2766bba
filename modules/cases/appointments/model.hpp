// The listening space as plain values: places with opening hours, interpreters and cultural
// mediators with their languages, appointments and their rules. No I/O; times of day are minutes
// in the place's time zone, instants UTC milliseconds.
//
// An appointment is booked, then attended, cancelled or missed (no-show); a walk-in is recorded
// as she arrives, attended. An appointment falls within one of its place's opening ranges, and
// neither its worker nor its interpreter is in two appointments at once.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/i18n/local_time.hpp"

namespace ponte::cases {

// A range of a place's opening hours: ISO weekday 1-7, from `opens` to `closes` (minutes).
struct OpeningRange {
    int weekday = 1;
    int opens = 0;
    int closes = 0;
};

// Minutes of the day of "HH:MM", or nullopt; and back.
std::optional<int> ParseClock(std::string_view text);
std::string ClockText(int minute);

// Why `hours` cannot be a place's ("hours": "before_start" for a range that closes before it
// opens, "overlap" for two ranges of one day that overlap); nullopt when they can.
struct AppointmentRefusal {
    std::string field;
    std::string code;
};
std::optional<AppointmentRefusal> RefusedHours(const std::vector<OpeningRange>& hours);

// True when the local interval [start, end) lies within one opening range (same day).
bool WithinHours(const std::vector<OpeningRange>& hours, const i18n::LocalTime& start, const i18n::LocalTime& end);

// True when [a_start, a_end) and [b_start, b_end) share an instant.
bool Overlap(std::int64_t a_start, std::int64_t a_end, std::int64_t b_start, std::int64_t b_end);

enum class Visit { kIntake, kFollowUp, kWalkIn };
std::string_view VisitName(Visit visit);
std::optional<Visit> ParseVisit(std::string_view name);

enum class Attendance { kBooked, kAttended, kCancelled, kNoShow };
std::string_view AttendanceName(Attendance attendance);
std::optional<Attendance> ParseAttendance(std::string_view name);

// Why an appointment in `from` cannot become `to` ("state": "transition"; "reason": "required"
// to cancel); nullopt when it can. Only a booked appointment changes, once.
std::optional<AppointmentRefusal> RefusedOutcome(Attendance from, Attendance to, std::string_view reason);

// The free slots of `minutes` each in the local day's opening ranges, starting on the range's
// start and every `minutes` after, that overlap none of `busy` (instants); `to_instant` turns a
// local minute of that day into its instant.
struct Slot {
    std::int64_t starts_at = 0;
    std::int64_t ends_at = 0;
};
template <typename ToInstant>
std::vector<Slot> FreeSlots(const std::vector<OpeningRange>& hours, int weekday, int minutes,
                            const std::vector<Slot>& busy, ToInstant to_instant) {
    std::vector<Slot> free;
    for (const auto& range : hours) {
        if (range.weekday != weekday) continue;
        for (int start = range.opens; start + minutes <= range.closes; start += minutes) {
            const Slot slot{to_instant(start), to_instant(start + minutes)};
            bool taken = false;
            for (const auto& other : busy)
                taken = taken || Overlap(slot.starts_at, slot.ends_at, other.starts_at, other.ends_at);
            if (!taken) free.push_back(slot);
        }
    }
    return free;
}

}  // namespace ponte::cases

// iCalendar (RFC 5545) documents that calendar programs subscribe to: a feed of events, published
// (METHOD:PUBLISH) for reading, never for replies. The room knows no domain: a module fills a
// Calendar with already translated texts and serves what WriteCalendar returns.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ponte::calendar {

// The media type of what WriteCalendar returns, for the Content-Type of a feed.
inline constexpr std::string_view kMediaType = "text/calendar; charset=utf-8";

enum class EventStatus { kConfirmed, kTentative, kCancelled };

// One VEVENT. Times are milliseconds since the epoch, written in UTC to the second (iCalendar has
// no finer unit): calendar programs show them in the reader's own time zone.
struct Event {
    // Globally unique and stable across versions of the event ("appointment-42@ponte.example.org"),
    // so that a program replaces the event it already shows instead of adding another.
    std::string uid;
    std::int64_t start_ms = 0;
    std::int64_t end_ms = 0;  // after start_ms
    std::string summary;
    std::string location;     // empty: not written
    std::string description;  // empty: not written
    EventStatus status = EventStatus::kConfirmed;
    // Raised at each change people should see (RFC 5545 3.8.7.4); with stamp_ms it tells a program
    // which copy is newer.
    int sequence = 0;
    std::int64_t stamp_ms = 0;  // when the event last changed (DTSTAMP)
};

struct Calendar {
    std::string name;        // X-WR-CALNAME, the title programs show for the subscription; empty: none
    std::string product_id;  // PRODID, e.g. "-//Ponte//Ponte 0.1//EN"
    std::vector<Event> events;
};

// The calendar as an iCalendar document: UTF-8, CRLF line ends, lines folded at 75 octets, text
// escaped, all by libical. Texts must be valid UTF-8; control characters other than line breaks
// and tabs are dropped, as iCalendar text cannot hold them, and CR LF or CR become one line break.
// Thread-safe (calls into libical are serialized, see ics.cpp). Throws std::runtime_error if
// libical fails (out of memory).
std::string WriteCalendar(const Calendar& calendar);

}  // namespace ponte::calendar

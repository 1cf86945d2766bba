#include "core/calendar/ics.hpp"

#include <libical/ical.h>

#include <cstdlib>
#include <memory>
#include <mutex>
#include <stdexcept>

namespace ponte::calendar {
namespace {

// libical keeps process-wide state that its writers touch: the error state (icalerrno and the
// per-error actions that icalerror_set_error_state changes), whether errors abort the process,
// and the table of built-in time zones it builds on first use (the UTC zone comes from it). Not
// every build of libical guards these, so every call into libical in this file runs under this
// one mutex; writing a feed is short, and nothing else in the process uses libical.
std::mutex libical_mutex;

struct ComponentDeleter {
    void operator()(icalcomponent* component) const { icalcomponent_free(component); }
};
using Component = std::unique_ptr<icalcomponent, ComponentDeleter>;

struct BufferDeleter {
    void operator()(char* buffer) const { icalmemory_free_buffer(buffer); }
};

// A text as iCalendar can hold it (RFC 5545 3.3.11: no control characters but the escaped line
// break). The escaping itself is libical's.
std::string Text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == '\r') {
            out += '\n';
            if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        } else if (c == '\n' || c == '\t' || (c >= 0x20 && c != 0x7F)) {
            out += static_cast<char>(c);
        }
    }
    return out;
}

icaltimetype Utc(std::int64_t ms) {
    // Whole seconds, rounded down also before 1970.
    const std::int64_t seconds = ms >= 0 ? ms / 1000 : -((-ms + 999) / 1000);
    return icaltime_from_timet_with_zone(static_cast<time_t>(seconds), 0, icaltimezone_get_utc_timezone());
}

icalproperty_status Status(EventStatus status) {
    switch (status) {
        case EventStatus::kConfirmed:
            return ICAL_STATUS_CONFIRMED;
        case EventStatus::kTentative:
            return ICAL_STATUS_TENTATIVE;
        case EventStatus::kCancelled:
            return ICAL_STATUS_CANCELLED;
    }
    return ICAL_STATUS_CONFIRMED;
}

// Adds `property` to `component`, which then owns it; a null property is libical's sign that it
// could not allocate or refused the value.
void Add(icalcomponent* component, icalproperty* property) {
    if (property == nullptr) throw std::runtime_error("libical could not make a property");
    icalcomponent_add_property(component, property);
}

Component MakeEvent(const Event& event) {
    Component vevent(icalcomponent_new(ICAL_VEVENT_COMPONENT));
    if (!vevent) throw std::runtime_error("libical could not make a VEVENT");
    Add(vevent.get(), icalproperty_new_uid(Text(event.uid).c_str()));
    Add(vevent.get(), icalproperty_new_dtstamp(Utc(event.stamp_ms)));
    Add(vevent.get(), icalproperty_new_dtstart(Utc(event.start_ms)));
    Add(vevent.get(), icalproperty_new_dtend(Utc(event.end_ms)));
    Add(vevent.get(), icalproperty_new_summary(Text(event.summary).c_str()));
    if (!event.location.empty()) Add(vevent.get(), icalproperty_new_location(Text(event.location).c_str()));
    if (!event.description.empty()) {
        Add(vevent.get(), icalproperty_new_description(Text(event.description).c_str()));
    }
    Add(vevent.get(), icalproperty_new_status(Status(event.status)));
    Add(vevent.get(), icalproperty_new_sequence(event.sequence));
    return vevent;
}

}  // namespace

std::string WriteCalendar(const Calendar& calendar) {
    std::lock_guard lock(libical_mutex);
    // A bad value must come back as a null property here, not abort the server.
    icalerror_set_errors_are_fatal(0);
    Component vcalendar(icalcomponent_new(ICAL_VCALENDAR_COMPONENT));
    if (!vcalendar) throw std::runtime_error("libical could not make a VCALENDAR");
    Add(vcalendar.get(), icalproperty_new_version("2.0"));
    Add(vcalendar.get(), icalproperty_new_prodid(Text(calendar.product_id).c_str()));
    Add(vcalendar.get(), icalproperty_new_calscale("GREGORIAN"));
    Add(vcalendar.get(), icalproperty_new_method(ICAL_METHOD_PUBLISH));
    if (!calendar.name.empty()) {
        // An extension property holds its value unescaped; a TEXT value makes libical escape it.
        icalproperty* name = icalproperty_new_x("");
        if (name == nullptr) throw std::runtime_error("libical could not make a property");
        icalproperty_set_x_name(name, "X-WR-CALNAME");
        icalproperty_set_value(name, icalvalue_new_text(Text(calendar.name).c_str()));
        Add(vcalendar.get(), name);
    }
    for (const Event& event : calendar.events) {
        // The calendar owns what is added to it and frees it with itself.
        icalcomponent_add_component(vcalendar.get(), MakeEvent(event).release());
    }
    std::unique_ptr<char, BufferDeleter> text(icalcomponent_as_ical_string_r(vcalendar.get()));
    if (!text) throw std::runtime_error("libical could not write the calendar");
    return {text.get()};
}

}  // namespace ponte::calendar

// The use cases of the listening space, free of HTTP. Places and interpreters belong to an
// organization (reached with ReachOrganization); appointments to a case (reached with ReachCase).
// Every change is audited, and an appointment's booking and outcome are on the case's timeline.
#pragma once

#include <cstdint>
#include <vector>

#include "modules/cases/actions.hpp"
#include "modules/cases/appointments/store.hpp"

namespace ponte::cases {

// A new place of the organization. kInvalidFields naming time_zone ("format": unknown to ICU) or
// hours (RefusedHours). Audited.
core::Outcome<Place> CreatePlace(const Module& module, audit::Entry request, Place place);

// A new interpreter or cultural mediator of the organization. Audited.
Interpreter CreateInterpreter(const Module& module, audit::Entry request, Interpreter interpreter);

// What a worker asks to book.
struct Booking {
    std::int64_t place_id = 0;
    std::int64_t worker_user_id = 0;  // 0: the caller
    std::int64_t interpreter_id = 0;  // 0: none
    std::string interpreter_language;
    Visit visit = Visit::kFollowUp;
    std::int64_t starts_at = 0;
    std::int64_t ends_at = 0;
};

// Books an appointment of the case (a walk-in: records it, attended). kInvalidFields naming the
// field or rule: case ("not_open": the case is neither in intake nor active); place_id,
// worker_user_id, interpreter_id ("not_found": none of the case's organization, as for a missing
// one); interpreter_language ("required" with an interpreter, "not_spoken" by her); interpreter_id
// ("required" with a language, "occupied"); ends_at ("before_start", "too_long": over 8 hours);
// starts_at ("past" for a booking, "future" for a walk-in, "outside_hours", "occupied": her worker
// has another appointment then). Audited; on the timeline.
core::Outcome<Appointment> BookAppointment(const Module& module, const policy::Principal& caller, audit::Entry request,
                                           const Reached& reached, const Booking& booking);

// The appointment the request names, with its case reached as `action` allows; else kNotFound,
// as for a missing one, audited.
struct ReachedAppointment {
    Appointment appointment;
    Reached reached;
};
core::Outcome<ReachedAppointment> ReachAppointment(const Module& module, const policy::Principal& caller,
                                                   audit::Entry& request, std::string_view action,
                                                   std::int64_t appointment_id);

// Records that she came, did not come, or that the appointment was cancelled (with a reason),
// when it is at `expected_version`: kStale when not, kInvalidFields naming the rule
// (RefusedOutcome). Audited; on the timeline.
core::Outcome<Appointment> RecordAppointmentOutcome(const Module& module, const policy::Principal& caller,
                                                    audit::Entry request, const ReachedAppointment& reached,
                                                    std::int64_t expected_version, Attendance to,
                                                    const std::string& reason);

// The case's appointments, soonest first. Audited.
std::vector<Appointment> ReadAppointments(const Module& module, audit::Entry request, const Reached& reached);

// The free slots of `minutes` at the place on the local date, for the worker. kBadParameter
// naming worker_id ("not_found") for anyone who is not a worker of the place's organization.
core::Outcome<std::vector<Slot>> FindFreeSlots(const Module& module, const Place& place, std::int64_t worker_user_id,
                                               int year, int month, int day, int minutes);

}  // namespace ponte::cases

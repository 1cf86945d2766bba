#include "modules/cases/appointments/actions.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "core/feature.hpp"
#include "core/version.hpp"

namespace ponte::cases {
namespace {

constexpr std::int64_t kLongestVisit = std::int64_t{8} * 3'600'000;
// A booking a few minutes late (the form was slow) is still not in the past.
constexpr std::int64_t kLateBooking = std::int64_t{5} * 60'000;

core::Failure Refused(std::string field, std::string code) {
    return core::Failure::Invalid(std::move(field), std::move(code));
}

void About(audit::Entry& entry, std::string_view type, std::int64_t id, std::int64_t organization_id) {
    entry.resource_type = std::string(type);
    entry.resource_id = std::to_string(id);
    entry.organization_id = organization_id;
}

// The rules that need no database: the case's state, the times.
std::optional<core::Failure> RefusedTimes(const Case& record, const Booking& booking, std::int64_t now) {
    if (record.state != State::kIntake && record.state != State::kActive) return Refused("case", "not_open");
    if (booking.ends_at <= booking.starts_at) return Refused("ends_at", "before_start");
    if (booking.ends_at - booking.starts_at > kLongestVisit) return Refused("ends_at", "too_long");
    if (booking.visit == Visit::kWalkIn) {
        if (booking.starts_at > now) return Refused("starts_at", "future");
    } else if (booking.starts_at < now - kLateBooking) {
        return Refused("starts_at", "past");
    }
    if (booking.interpreter_id != 0 && booking.interpreter_language.empty())
        return Refused("interpreter_language", "required");
    if (booking.interpreter_id == 0 && !booking.interpreter_language.empty())
        return Refused("interpreter_id", "required");
    return std::nullopt;
}

}  // namespace

core::Outcome<Place> CreatePlace(const Module& module, audit::Entry request, Place place) {
    if (!i18n::IsKnownTimeZone(place.time_zone)) return Refused("time_zone", "format");
    if (auto refused = RefusedHours(place.hours)) return Refused(refused->field, refused->code);
    module.database().Transact([&](db::Connection& connection) {
        const std::int64_t now = core::NowMs();
        place.id = InsertPlace(connection, place, now);
        About(request, "cases.place", place.id, place.organization_id);
        request.outcome = "ok";
        audit::Append(connection, request, now);
    });
    return place;
}

Interpreter CreateInterpreter(const Module& module, audit::Entry request, Interpreter interpreter) {
    module.database().Transact([&](db::Connection& connection) {
        const std::int64_t now = core::NowMs();
        interpreter.id = InsertInterpreter(connection, interpreter, now);
        About(request, "cases.interpreter", interpreter.id, interpreter.organization_id);
        request.outcome = "ok";
        audit::Append(connection, request, now);
    });
    return interpreter;
}

core::Outcome<Appointment> BookAppointment(const Module& module, const policy::Principal& caller, audit::Entry request,
                                           const Reached& reached, const Booking& booking) {
    const Case& record = reached.record;
    const std::int64_t now = core::NowMs();
    if (auto refused = RefusedTimes(record, booking, now)) return *refused;
    const std::int64_t worker_id = booking.worker_user_id != 0 ? booking.worker_user_id : caller.user_id;
    std::optional<core::Failure> refused;
    std::optional<Appointment> booked;
    module.database().Transact([&](db::Connection& connection) {
        // Ids of another organization are answered as missing ones.
        const auto place = FindPlace(connection, booking.place_id);
        if (!place || place->organization_id != record.organization_id) {
            refused = Refused("place_id", "not_found");
            return;
        }
        const auto worker = FindWorker(connection, record.organization_id, worker_id);
        if (!worker) {
            refused = Refused("worker_user_id", "not_found");
            return;
        }
        std::optional<Interpreter> interpreter;
        if (booking.interpreter_id != 0) {
            interpreter = FindInterpreter(connection, booking.interpreter_id);
            if (!interpreter || interpreter->organization_id != record.organization_id) {
                refused = Refused("interpreter_id", "not_found");
                return;
            }
            const auto& spoken = interpreter->languages;
            if (std::find(spoken.begin(), spoken.end(), booking.interpreter_language) == spoken.end()) {
                refused = Refused("interpreter_language", "not_spoken");
                return;
            }
        }
        if (!WithinHours(place->hours, i18n::ToLocal(booking.starts_at, place->time_zone),
                         i18n::ToLocal(booking.ends_at, place->time_zone))) {
            refused = Refused("starts_at", "outside_hours");
            return;
        }
        LockCalendars(connection, worker_id, booking.interpreter_id);
        // A walk-in is a record of who came: her worker may have been with someone else.
        if (booking.visit != Visit::kWalkIn &&
            !BusyTimes(connection, worker_id, 0, booking.starts_at, booking.ends_at).empty()) {
            refused = Refused("starts_at", "occupied");
            return;
        }
        if (interpreter && !BusyTimes(connection, 0, interpreter->id, booking.starts_at, booking.ends_at).empty()) {
            refused = Refused("interpreter_id", "occupied");
            return;
        }
        Appointment appointment{.case_id = record.id,
                                .place_id = place->id,
                                .worker_user_id = worker_id,
                                .interpreter_id = booking.interpreter_id,
                                .interpreter_language = booking.interpreter_language,
                                .visit = booking.visit,
                                .state = booking.visit == Visit::kWalkIn ? Attendance::kAttended : Attendance::kBooked,
                                .starts_at = booking.starts_at,
                                .ends_at = booking.ends_at,
                                .booked_by = caller.user_id};
        const std::int64_t id = InsertAppointment(connection, appointment, now);
        AppendEvent(connection, module.keyring(), record.id,
                    {.kind = booking.visit == Visit::kWalkIn ? "walked_in" : "appointment_booked",
                     .by_user_id = caller.user_id,
                     .at = now,
                     .detail = {{"appointment_id", id},
                                {"starts_at", booking.starts_at},
                                {"place", place->name},
                                {"worker", worker->display_name}}});
        request.outcome = "ok";
        request.detail = boost::json::serialize(boost::json::object{{"appointment_id", id}});
        audit::Append(connection, request, now);
        booked = FindAppointment(connection, module.keyring(), id);
    });
    if (refused) {
        if (refused->errors.front().code == "not_found") {
            request.outcome = "not_found";
            request.detail = boost::json::serialize(boost::json::object{{"field", refused->errors.front().field}});
            audit::Record(module.database(), request, core::NowMs());
        }
        return *refused;
    }
    return *booked;
}

core::Outcome<ReachedAppointment> ReachAppointment(const Module& module, const policy::Principal& caller,
                                                   audit::Entry& request, std::string_view action,
                                                   std::int64_t appointment_id) {
    std::optional<Appointment> found;
    if (appointment_id > 0) found = FindAppointment(*module.database().Acquire(), module.keyring(), appointment_id);
    // A missing appointment is answered as a missing case, audited alike.
    auto reached = ReachCase(module, caller, request, action, found ? found->case_id : 0);
    if (!reached) return std::move(reached.failure());
    return ReachedAppointment{.appointment = std::move(*found), .reached = std::move(*reached)};
}

core::Outcome<Appointment> RecordAppointmentOutcome(const Module& module, const policy::Principal& caller,
                                                    audit::Entry request, const ReachedAppointment& reached,
                                                    std::int64_t expected_version, Attendance to,
                                                    const std::string& reason) {
    const Appointment& appointment = reached.appointment;
    if (expected_version != appointment.version) return core::StaleVersion();
    if (auto refused = RefusedOutcome(appointment.state, to, reason)) return Refused(refused->field, refused->code);
    std::optional<Appointment> changed;
    module.database().Transact([&](db::Connection& connection) {
        const std::int64_t now = core::NowMs();
        if (!RecordOutcome(connection, module.keyring(), appointment, expected_version, to, reason)) return;
        AppendEvent(connection, module.keyring(), appointment.case_id,
                    {.kind = "appointment_" + std::string(AttendanceName(to)),
                     .by_user_id = caller.user_id,
                     .at = now,
                     .detail = {{"appointment_id", appointment.id}, {"starts_at", appointment.starts_at}}});
        request.outcome = "ok";
        request.detail = boost::json::serialize(
            boost::json::object{{"appointment_id", appointment.id}, {"state", AttendanceName(to)}});
        audit::Append(connection, request, now);
        changed = FindAppointment(connection, module.keyring(), appointment.id);
    });
    if (!changed) return core::StaleVersion();
    return *changed;
}

std::vector<Appointment> ReadAppointments(const Module& module, audit::Entry request, const Reached& reached) {
    auto appointments = AppointmentsOfCase(*module.database().Acquire(), module.keyring(), reached.record.id);
    request.outcome = "ok";
    audit::Record(module.database(), request, core::NowMs());
    return appointments;
}

core::Outcome<std::vector<Slot>> FindFreeSlots(const Module& module, const Place& place, std::int64_t worker_user_id,
                                               int year, int month, int day, int minutes) {
    auto connection = module.database().Acquire();
    if (!FindWorker(*connection, place.organization_id, worker_user_id)) {
        core::Failure failure = Refused("worker_id", "not_found");
        failure.fault = core::Fault::kBadParameter;
        return failure;
    }
    auto instant = [&](int minute) { return i18n::FromLocal(year, month, day, minute, place.time_zone); };
    const int weekday = i18n::ToLocal(instant(12 * 60), place.time_zone).weekday;
    const auto busy = BusyTimes(*connection, worker_user_id, 0, instant(0), instant(24 * 60));
    auto slots = FreeSlots(place.hours, weekday, minutes, busy, instant);
    // Slots already begun are gone.
    const std::int64_t now = core::NowMs();
    std::erase_if(slots, [&](const Slot& slot) { return slot.starts_at < now; });
    return slots;
}

}  // namespace ponte::cases

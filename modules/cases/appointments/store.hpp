// The tables of the listening space: places, interpreters and appointments. SQL is in store.cpp
// as named constants with bound parameters; every function runs on the caller's connection, so
// that the caller groups a change with its audit entry and the case's timeline in one transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/crypto/keyring.hpp"
#include "core/db/database.hpp"
#include "modules/cases/appointments/model.hpp"

namespace ponte::cases {

struct Place {
    std::int64_t id = 0;
    std::int64_t organization_id = 0;
    std::string name;
    std::string address;
    std::string time_zone;
    std::vector<OpeningRange> hours;
};

std::int64_t InsertPlace(db::Connection& connection, const Place& place, std::int64_t now_ms);
std::optional<Place> FindPlace(db::Connection& connection, std::int64_t place_id);
std::vector<Place> PlacesOf(db::Connection& connection, std::int64_t organization_id);

struct Interpreter {
    std::int64_t id = 0;
    std::int64_t organization_id = 0;
    std::string name;
    std::vector<std::string> languages;  // BCP 47 tags
    std::string contact;
};

std::int64_t InsertInterpreter(db::Connection& connection, const Interpreter& interpreter, std::int64_t now_ms);
std::optional<Interpreter> FindInterpreter(db::Connection& connection, std::int64_t interpreter_id);
std::vector<Interpreter> InterpretersOf(db::Connection& connection, std::int64_t organization_id);

struct Appointment {
    std::int64_t id = 0;
    std::int64_t case_id = 0;
    std::int64_t place_id = 0;
    std::string place_name;
    std::int64_t worker_user_id = 0;
    std::string worker_name;
    std::int64_t interpreter_id = 0;
    std::string interpreter_name;
    std::string interpreter_language;
    Visit visit = Visit::kFollowUp;
    Attendance state = Attendance::kBooked;
    std::int64_t starts_at = 0;
    std::int64_t ends_at = 0;
    std::string reason;  // a cancellation's
    std::int64_t booked_by = 0;
    std::int64_t booked_at = 0;
    std::int64_t version = 1;
};

std::int64_t InsertAppointment(db::Connection& connection, const Appointment& appointment, std::int64_t now_ms);
std::optional<Appointment> FindAppointment(db::Connection& connection, const crypto::Keyring& keyring,
                                           std::int64_t appointment_id);

// The case's appointments, soonest first.
std::vector<Appointment> AppointmentsOfCase(db::Connection& connection, const crypto::Keyring& keyring,
                                            std::int64_t case_id);

// The booked and attended appointments of the worker (or, with `interpreter`, of the interpreter)
// that overlap [from, to), soonest first: what makes her busy.
std::vector<Slot> BusyTimes(db::Connection& connection, std::int64_t worker_user_id, std::int64_t interpreter_id,
                            std::int64_t from_ms, std::int64_t to_ms);

// Makes the worker's (and the interpreter's) bookings wait for this transaction, so that two
// bookings at once cannot both find her free. (SQLite serializes write transactions already.)
void LockCalendars(db::Connection& connection, std::int64_t worker_user_id, std::int64_t interpreter_id);

// Records the appointment's outcome when it is still at `expected_version`; false otherwise.
bool RecordOutcome(db::Connection& connection, const crypto::Keyring& keyring, const Appointment& appointment,
                   std::int64_t expected_version, Attendance to, std::string_view reason);

// The worker's appointments from `from_ms` on, soonest first, at most `limit`: her calendar feed.
std::vector<Appointment> AppointmentsOfWorker(db::Connection& connection, std::int64_t worker_user_id,
                                              std::int64_t from_ms, std::int64_t limit);

std::string CancellationContext(std::int64_t case_id);

// An appointment as the worker's calendar feed shows it: no names, no reason, only what her phone
// may show (appointments/feed.hpp).
struct FeedAppointment {
    std::int64_t id = 0;
    std::int64_t case_id = 0;
    std::string code;  // the case's
    Visit visit = Visit::kFollowUp;
    Attendance state = Attendance::kBooked;
    std::int64_t starts_at = 0;
    std::int64_t ends_at = 0;
    std::int64_t version = 1;
    std::string place_name;
    std::string place_address;
};

// The worker's appointments that end after `from_ms`, of the cases whose team she is still on,
// soonest first, at most `limit`. One statement.
std::vector<FeedAppointment> FeedOfWorker(db::Connection& connection, std::int64_t worker_user_id, std::int64_t from_ms,
                                          std::int64_t limit);

// A booked appointment whose reminder is not sent yet, with what the reminder says and what
// decides whether it may be sent (her record, for her rules and languages; the place's zone).
struct DueReminder {
    std::int64_t appointment_id = 0;
    std::int64_t case_id = 0;
    std::int64_t woman_id = 0;
    std::int64_t organization_id = 0;
    std::string organization_name;
    Visit visit = Visit::kFollowUp;
    std::int64_t starts_at = 0;
    std::string place_name;
    std::string place_address;
    std::string time_zone;  // the place's
};

// The booked appointments of cases that are not closed, starting in (from_ms, to_ms], not yet
// reminded, soonest first, at most `limit`.
std::vector<DueReminder> DueReminders(db::Connection& connection, std::int64_t from_ms, std::int64_t to_ms,
                                      std::int64_t limit);

// Records that the appointment's reminder is sent at `now_ms`; false, changing nothing, when it was
// already, or when it is no longer booked (another instance, a cancellation, came first).
bool MarkReminded(db::Connection& connection, std::int64_t appointment_id, std::int64_t now_ms);

}  // namespace ponte::cases

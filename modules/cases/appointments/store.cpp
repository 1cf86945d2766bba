#include "modules/cases/appointments/store.hpp"

#include <boost/json.hpp>

namespace ponte::cases {
namespace {

constexpr std::string_view kInsertPlace =
    "INSERT INTO cases_places (organization_id, name, address, time_zone, hours, created_at) "
    "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
constexpr std::string_view kSelectPlace =
    "SELECT id, organization_id, name, address, time_zone, hours FROM cases_places ";
constexpr std::string_view kInsertInterpreter =
    "INSERT INTO cases_interpreters (organization_id, name, languages, contact, created_at) "
    "VALUES ($1, $2, $3, $4, $5) RETURNING id";
constexpr std::string_view kSelectInterpreter =
    "SELECT id, organization_id, name, languages, contact FROM cases_interpreters ";
constexpr std::string_view kInsertAppointment =
    "INSERT INTO cases_appointments (case_id, place_id, worker_user_id, interpreter_id, interpreter_language, visit, "
    "state, starts_at, ends_at, booked_by, booked_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) "
    "RETURNING id";
// The columns of an Appointment, in its order, over cases_appointments a and the names it shows.
constexpr std::string_view kSelectAppointment =
    "SELECT a.id, a.case_id, a.place_id, p.name, COALESCE(a.worker_user_id, 0), COALESCE(u.display_name, ''), "
    "COALESCE(a.interpreter_id, 0), COALESCE(i.name, ''), COALESCE(a.interpreter_language, ''), a.visit, a.state, "
    "a.starts_at, a.ends_at, a.reason, COALESCE(a.booked_by, 0), a.booked_at, a.version "
    "FROM cases_appointments a JOIN cases_places p ON p.id = a.place_id "
    "LEFT JOIN accounts_users u ON u.id = a.worker_user_id LEFT JOIN cases_interpreters i ON i.id = a.interpreter_id ";
constexpr std::string_view kSelectBusy =
    "SELECT starts_at, ends_at FROM cases_appointments WHERE state IN ('booked', 'attended') "
    "AND ((worker_user_id = $1) OR (interpreter_id = $2)) AND starts_at < $4 AND ends_at > $3 ORDER BY starts_at";
constexpr std::string_view kLockUser = "SELECT id FROM accounts_users WHERE id = $1 FOR UPDATE";
constexpr std::string_view kLockInterpreter = "SELECT id FROM cases_interpreters WHERE id = $1 FOR UPDATE";
constexpr std::string_view kSelectFeed =
    "SELECT a.id, a.case_id, w.code, a.visit, a.state, a.starts_at, a.ends_at, a.version, p.name, p.address "
    "FROM cases_appointments a JOIN cases_cases c ON c.id = a.case_id JOIN cases_women w ON w.id = c.woman_id "
    "JOIN cases_places p ON p.id = a.place_id "
    "WHERE a.worker_user_id = $1 AND a.ends_at > $2 "
    "AND EXISTS (SELECT 1 FROM cases_team t WHERE t.case_id = a.case_id AND t.user_id = a.worker_user_id) "
    "ORDER BY a.starts_at, a.id LIMIT $3";
constexpr std::string_view kSelectDueReminders =
    "SELECT a.id, a.case_id, c.woman_id, c.organization_id, o.name, a.visit, a.starts_at, p.name, p.address, "
    "p.time_zone FROM cases_appointments a JOIN cases_cases c ON c.id = a.case_id "
    "JOIN cases_places p ON p.id = a.place_id JOIN tenancy_organizations o ON o.id = c.organization_id "
    "WHERE a.state = 'booked' AND a.reminded_at IS NULL AND a.starts_at > $1 AND a.starts_at <= $2 "
    "AND c.state <> 'closed' ORDER BY a.starts_at, a.id LIMIT $3";
constexpr std::string_view kMarkReminded =
    "UPDATE cases_appointments SET reminded_at = $2 WHERE id = $1 AND reminded_at IS NULL AND state = 'booked'";
constexpr std::string_view kUpdateOutcome =
    "UPDATE cases_appointments SET state = $3, reason = $4, version = version + 1 WHERE id = $1 AND version = $2";

std::string HoursJson(const std::vector<OpeningRange>& hours) {
    boost::json::array out;
    for (const auto& range : hours)
        out.push_back({{"weekday", range.weekday}, {"opens", range.opens}, {"closes", range.closes}});
    return boost::json::serialize(out);
}

std::vector<OpeningRange> HoursFrom(const std::string& json) {
    std::vector<OpeningRange> hours;
    const boost::json::value parsed = boost::json::parse(json);
    for (const auto& item : parsed.as_array()) {
        const auto& range = item.as_object();
        hours.push_back({.weekday = static_cast<int>(range.at("weekday").as_int64()),
                         .opens = static_cast<int>(range.at("opens").as_int64()),
                         .closes = static_cast<int>(range.at("closes").as_int64())});
    }
    return hours;
}

Place ReadPlace(const db::Result& rows, std::size_t row) {
    return {.id = rows.Int(row, 0),
            .organization_id = rows.Int(row, 1),
            .name = rows.Text(row, 2),
            .address = rows.Text(row, 3),
            .time_zone = rows.Text(row, 4),
            .hours = HoursFrom(rows.Text(row, 5))};
}

Interpreter ReadInterpreter(const db::Result& rows, std::size_t row) {
    Interpreter out{.id = rows.Int(row, 0),
                    .organization_id = rows.Int(row, 1),
                    .name = rows.Text(row, 2),
                    .contact = rows.Text(row, 4)};
    const boost::json::value languages = boost::json::parse(rows.Text(row, 3));
    for (const auto& language : languages.as_array()) out.languages.emplace_back(language.as_string());
    return out;
}

// `keyring` null: the reason is left out (the calendar feed never shows it).
Appointment ReadAppointment(const crypto::Keyring* keyring, const db::Result& rows, std::size_t row) {
    const std::int64_t case_id = rows.Int(row, 1);
    return {.id = rows.Int(row, 0),
            .case_id = case_id,
            .place_id = rows.Int(row, 2),
            .place_name = rows.Text(row, 3),
            .worker_user_id = rows.Int(row, 4),
            .worker_name = rows.Text(row, 5),
            .interpreter_id = rows.Int(row, 6),
            .interpreter_name = rows.Text(row, 7),
            .interpreter_language = rows.Text(row, 8),
            .visit = ParseVisit(rows.Text(row, 9)).value_or(Visit::kFollowUp),
            .state = ParseAttendance(rows.Text(row, 10)).value_or(Attendance::kBooked),
            .starts_at = rows.Int(row, 11),
            .ends_at = rows.Int(row, 12),
            .reason = keyring == nullptr || rows.IsNull(row, 13)
                          ? std::string()
                          : keyring->Open(rows.Text(row, 13), CancellationContext(case_id)),
            .booked_by = rows.Int(row, 14),
            .booked_at = rows.Int(row, 15),
            .version = rows.Int(row, 16)};
}

}  // namespace

std::string CancellationContext(std::int64_t case_id) {
    return crypto::FieldContext("cases_appointments", "reason", case_id);
}

std::int64_t InsertPlace(db::Connection& connection, const Place& place, std::int64_t now_ms) {
    return connection
        .Execute(kInsertPlace,
                 {place.organization_id, place.name, place.address, place.time_zone, HoursJson(place.hours), now_ms})
        .Int(0, 0);
}

std::optional<Place> FindPlace(db::Connection& connection, std::int64_t place_id) {
    auto rows = connection.Execute(std::string(kSelectPlace) + "WHERE id = $1", {place_id});
    if (rows.empty()) return std::nullopt;
    return ReadPlace(rows, 0);
}

std::vector<Place> PlacesOf(db::Connection& connection, std::int64_t organization_id) {
    auto rows = connection.Execute(std::string(kSelectPlace) + "WHERE organization_id = $1 ORDER BY name, id",
                                   {organization_id});
    std::vector<Place> out;
    for (std::size_t row = 0; row < rows.size(); ++row) out.push_back(ReadPlace(rows, row));
    return out;
}

std::int64_t InsertInterpreter(db::Connection& connection, const Interpreter& interpreter, std::int64_t now_ms) {
    boost::json::array languages;
    for (const auto& language : interpreter.languages) languages.emplace_back(language);
    return connection
        .Execute(kInsertInterpreter, {interpreter.organization_id, interpreter.name, boost::json::serialize(languages),
                                      interpreter.contact, now_ms})
        .Int(0, 0);
}

std::optional<Interpreter> FindInterpreter(db::Connection& connection, std::int64_t interpreter_id) {
    auto rows = connection.Execute(std::string(kSelectInterpreter) + "WHERE id = $1", {interpreter_id});
    if (rows.empty()) return std::nullopt;
    return ReadInterpreter(rows, 0);
}

std::vector<Interpreter> InterpretersOf(db::Connection& connection, std::int64_t organization_id) {
    auto rows = connection.Execute(std::string(kSelectInterpreter) + "WHERE organization_id = $1 ORDER BY name, id",
                                   {organization_id});
    std::vector<Interpreter> out;
    for (std::size_t row = 0; row < rows.size(); ++row) out.push_back(ReadInterpreter(rows, row));
    return out;
}

std::int64_t InsertAppointment(db::Connection& connection, const Appointment& appointment, std::int64_t now_ms) {
    return connection
        .Execute(kInsertAppointment,
                 {appointment.case_id, appointment.place_id, db::NullIfZero(appointment.worker_user_id),
                  db::NullIfZero(appointment.interpreter_id),
                  appointment.interpreter_language.empty() ? db::Value{nullptr}
                                                           : db::Value{appointment.interpreter_language},
                  std::string(VisitName(appointment.visit)), std::string(AttendanceName(appointment.state)),
                  appointment.starts_at, appointment.ends_at, db::NullIfZero(appointment.booked_by), now_ms})
        .Int(0, 0);
}

std::optional<Appointment> FindAppointment(db::Connection& connection, const crypto::Keyring& keyring,
                                           std::int64_t appointment_id) {
    auto rows = connection.Execute(std::string(kSelectAppointment) + "WHERE a.id = $1", {appointment_id});
    if (rows.empty()) return std::nullopt;
    return ReadAppointment(&keyring, rows, 0);
}

std::vector<Appointment> AppointmentsOfCase(db::Connection& connection, const crypto::Keyring& keyring,
                                            std::int64_t case_id) {
    auto rows = connection.Execute(std::string(kSelectAppointment) + "WHERE a.case_id = $1 ORDER BY a.starts_at, a.id",
                                   {case_id});
    std::vector<Appointment> out;
    for (std::size_t row = 0; row < rows.size(); ++row) out.push_back(ReadAppointment(&keyring, rows, row));
    return out;
}

std::vector<Slot> BusyTimes(db::Connection& connection, std::int64_t worker_user_id, std::int64_t interpreter_id,
                            std::int64_t from_ms, std::int64_t to_ms) {
    // An id of 0 matches no row: "= 0" finds no worker and no interpreter.
    auto rows = connection.Execute(kSelectBusy, {worker_user_id, interpreter_id, from_ms, to_ms});
    std::vector<Slot> out;
    for (std::size_t row = 0; row < rows.size(); ++row) out.push_back({rows.Int(row, 0), rows.Int(row, 1)});
    return out;
}

void LockCalendars(db::Connection& connection, std::int64_t worker_user_id, std::int64_t interpreter_id) {
    if (connection.engine() != db::Engine::kPostgres) return;
    if (worker_user_id != 0) connection.Execute(kLockUser, {worker_user_id});
    if (interpreter_id != 0) connection.Execute(kLockInterpreter, {interpreter_id});
}

bool RecordOutcome(db::Connection& connection, const crypto::Keyring& keyring, const Appointment& appointment,
                   std::int64_t expected_version, Attendance to, std::string_view reason) {
    db::Value sealed = nullptr;
    if (!reason.empty()) sealed = keyring.Seal(reason, CancellationContext(appointment.case_id));
    return connection
               .Execute(kUpdateOutcome,
                        {appointment.id, expected_version, std::string(AttendanceName(to)), std::move(sealed)})
               .affected_rows > 0;
}

std::vector<Appointment> AppointmentsOfWorker(db::Connection& connection, std::int64_t worker_user_id,
                                              std::int64_t from_ms, std::int64_t limit) {
    auto rows = connection.Execute(std::string(kSelectAppointment) +
                                       "WHERE a.worker_user_id = $1 AND a.ends_at > $2 ORDER BY a.starts_at, a.id "
                                       "LIMIT $3",
                                   {worker_user_id, from_ms, limit});
    std::vector<Appointment> out;
    for (std::size_t row = 0; row < rows.size(); ++row) out.push_back(ReadAppointment(nullptr, rows, row));
    return out;
}

std::vector<FeedAppointment> FeedOfWorker(db::Connection& connection, std::int64_t worker_user_id, std::int64_t from_ms,
                                          std::int64_t limit) {
    auto rows = connection.Execute(kSelectFeed, {worker_user_id, from_ms, limit});
    std::vector<FeedAppointment> out;
    for (std::size_t row = 0; row < rows.size(); ++row) {
        out.push_back({.id = rows.Int(row, 0),
                       .case_id = rows.Int(row, 1),
                       .code = rows.Text(row, 2),
                       .visit = ParseVisit(rows.Text(row, 3)).value_or(Visit::kFollowUp),
                       .state = ParseAttendance(rows.Text(row, 4)).value_or(Attendance::kBooked),
                       .starts_at = rows.Int(row, 5),
                       .ends_at = rows.Int(row, 6),
                       .version = rows.Int(row, 7),
                       .place_name = rows.Text(row, 8),
                       .place_address = rows.Text(row, 9)});
    }
    return out;
}

std::vector<DueReminder> DueReminders(db::Connection& connection, std::int64_t from_ms, std::int64_t to_ms,
                                      std::int64_t limit) {
    auto rows = connection.Execute(kSelectDueReminders, {from_ms, to_ms, limit});
    std::vector<DueReminder> out;
    for (std::size_t row = 0; row < rows.size(); ++row) {
        out.push_back({.appointment_id = rows.Int(row, 0),
                       .case_id = rows.Int(row, 1),
                       .woman_id = rows.Int(row, 2),
                       .organization_id = rows.Int(row, 3),
                       .organization_name = rows.Text(row, 4),
                       .visit = ParseVisit(rows.Text(row, 5)).value_or(Visit::kFollowUp),
                       .starts_at = rows.Int(row, 6),
                       .place_name = rows.Text(row, 7),
                       .place_address = rows.Text(row, 8),
                       .time_zone = rows.Text(row, 9)});
    }
    return out;
}

bool MarkReminded(db::Connection& connection, std::int64_t appointment_id, std::int64_t now_ms) {
    return connection.Execute(kMarkReminded, {appointment_id, now_ms}).affected_rows > 0;
}

}  // namespace ponte::cases

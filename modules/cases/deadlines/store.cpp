#include "modules/cases/deadlines/store.hpp"

#include <boost/json.hpp>

#include "modules/cases/glass/store.hpp"

namespace ponte::cases {
namespace {

constexpr std::string_view kInsertDeadline =
    "INSERT INTO cases_deadlines (case_id, kind, title, due_on, documents, created_by, created_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id";
// The columns of a Deadline, in its order, over cases_deadlines d of case c and woman w.
constexpr std::string_view kSelectDeadline =
    "SELECT d.id, d.case_id, d.kind, d.title, d.due_on, d.documents, COALESCE(d.done_at, 0), "
    "COALESCE(d.created_by, 0), d.created_at, d.version, w.code, w.chosen_name "
    "FROM cases_deadlines d JOIN cases_cases c ON c.id = d.case_id JOIN cases_women w ON w.id = c.woman_id ";
constexpr std::string_view kMarkDone =
    "UPDATE cases_deadlines SET done_at = $3, version = version + 1 WHERE id = $1 AND version = $2 AND done_at IS NULL";
// A deadline is left out once both reminders of its lead (the team's and hers) went.
constexpr std::string_view kSelectDue =
    "SELECT d.id, d.case_id, d.kind, d.title, d.due_on, d.documents, 0, COALESCE(d.created_by, 0), d.created_at, "
    "d.version, w.code, '', c.woman_id, c.organization_id, o.name, "
    "COALESCE((SELECT p.time_zone FROM cases_places p WHERE p.organization_id = c.organization_id "
    "ORDER BY p.id LIMIT 1), 'UTC') "
    "FROM cases_deadlines d JOIN cases_cases c ON c.id = d.case_id JOIN cases_women w ON w.id = c.woman_id "
    "JOIN tenancy_organizations o ON o.id = c.organization_id "
    "WHERE d.done_at IS NULL AND d.due_on >= $1 AND d.due_on <= $3 "
    "AND c.state IN ('intake', 'active', 'suspended') "
    "AND (SELECT COUNT(*) FROM cases_deadline_reminders r WHERE r.deadline_id = d.id "
    "AND r.lead_days = CASE WHEN d.due_on <= $2 THEN 7 ELSE 30 END) < 2 "
    "ORDER BY d.due_on, d.id LIMIT $4";
constexpr std::string_view kMarkReminded =
    "INSERT INTO cases_deadline_reminders (deadline_id, lead_days, audience, sent_at) VALUES ($1, $2, $3, $4) "
    "ON CONFLICT (deadline_id, lead_days, audience) DO NOTHING";
constexpr std::string_view kSelectReminded =
    "SELECT COUNT(*) FROM cases_deadline_reminders WHERE deadline_id = $1 AND lead_days = $2 AND audience = $3";
constexpr std::string_view kSelectMailboxes =
    "SELECT u.email, u.locale FROM cases_team t JOIN accounts_users u ON u.id = t.user_id "
    "WHERE t.case_id = $1 AND u.email IS NOT NULL AND u.email <> '' AND u.disabled = 0 AND u.erased_at IS NULL "
    "ORDER BY t.role = 'lead' DESC, t.user_id";

// The title, or the documents as one JSON array, sealed in their column's context.
std::string Sealed(const crypto::Keyring& keyring, const Deadline& deadline, std::string_view column) {
    if (column == "title") return keyring.Seal(deadline.title, DeadlineContext(deadline.case_id, "title"));
    boost::json::array documents;
    for (const auto& document : deadline.documents) documents.emplace_back(document);
    return keyring.Seal(boost::json::serialize(documents), DeadlineContext(deadline.case_id, "documents"));
}

Deadline ReadDeadline(const crypto::Keyring& keyring, const db::Result& rows, std::size_t row) {
    const std::int64_t case_id = rows.Int(row, 1);
    Deadline out{.id = rows.Int(row, 0),
                 .case_id = case_id,
                 .kind = rows.Text(row, 2),
                 .title = keyring.Open(rows.Text(row, 3), DeadlineContext(case_id, "title")),
                 .due_on = rows.Text(row, 4),
                 .done_at = rows.Int(row, 6),
                 .created_by = rows.Int(row, 7),
                 .created_at = rows.Int(row, 8),
                 .version = rows.Int(row, 9),
                 .case_code = rows.Text(row, 10),
                 .chosen_name = rows.Text(row, 11)};
    const boost::json::value documents =
        boost::json::parse(keyring.Open(rows.Text(row, 5), DeadlineContext(case_id, "documents")));
    for (const auto& document : documents.as_array()) out.documents.emplace_back(document.as_string());
    return out;
}

}  // namespace

std::string DeadlineContext(std::int64_t case_id, std::string_view column) {
    return crypto::FieldContext("cases_deadlines", column, case_id);
}

std::int64_t InsertDeadline(db::Connection& connection, const crypto::Keyring& keyring, const Deadline& deadline,
                            std::int64_t now_ms) {
    return connection
        .Execute(kInsertDeadline, {deadline.case_id, deadline.kind, Sealed(keyring, deadline, "title"), deadline.due_on,
                                   Sealed(keyring, deadline, "documents"), db::NullIfZero(deadline.created_by), now_ms})
        .Int(0, 0);
}

std::optional<Deadline> FindDeadline(db::Connection& connection, const crypto::Keyring& keyring,
                                     std::int64_t deadline_id) {
    auto rows = connection.Execute(std::string(kSelectDeadline) + "WHERE d.id = $1", {deadline_id});
    if (rows.empty()) return std::nullopt;
    return ReadDeadline(keyring, rows, 0);
}

std::vector<Deadline> DeadlinesOfCase(db::Connection& connection, const crypto::Keyring& keyring,
                                      std::int64_t case_id) {
    auto rows =
        connection.Execute(std::string(kSelectDeadline) + "WHERE d.case_id = $1 ORDER BY d.due_on, d.id", {case_id});
    std::vector<Deadline> out;
    for (std::size_t row = 0; row < rows.size(); ++row) out.push_back(ReadDeadline(keyring, rows, row));
    return out;
}

bool MarkDeadlineDone(db::Connection& connection, std::int64_t deadline_id, std::int64_t expected_version,
                      std::int64_t now_ms) {
    return connection.Execute(kMarkDone, {deadline_id, expected_version, now_ms}).affected_rows > 0;
}

core::Page<Deadline> SelectOpenDeadlines(db::Connection& connection, const crypto::Keyring& keyring,
                                         std::int64_t organization_id, const policy::Filter& filter,
                                         std::string_view before, std::int64_t now_ms, const core::PageRequest& page) {
    std::vector<db::Value> params = {organization_id, std::string(before)};
    std::string sql =
        std::string(kSelectDeadline) + "WHERE c.organization_id = $1 AND d.done_at IS NULL AND d.due_on < $2 AND ";
    // Her team's and the coordinators', as the caseload reads them (store.cpp).
    std::string assigned = "EXISTS (SELECT 1 FROM cases_team a WHERE a.case_id = c.id AND a.user_id = {user})";
    if (filter.assigned_user_id != 0 && !filter.assigned_organization_ids.empty()) {
        params.emplace_back(now_ms);
        assigned =
            "(" + assigned + " OR " + GlassPredicate("c.id", "{user}", "$" + std::to_string(params.size())) + ")";
    }
    sql += policy::Render(filter, {.organization = "c.organization_id", .assigned = assigned}, params);
    // Soonest first: the page is cut on the day, then the id.
    sql += " AND " + core::After(page, "d.due_on", "d.id", params);
    sql += " ORDER BY d.due_on, d.id LIMIT " + core::FetchLimit(page, params);
    auto rows = connection.Execute(sql, params);
    core::Page<Deadline> out;
    for (std::size_t row = 0; row < rows.size(); ++row) out.items.push_back(ReadDeadline(keyring, rows, row));
    if (static_cast<std::int64_t>(out.items.size()) > page.limit) {
        out.items.pop_back();
        out.next = core::Position{.key = out.items.back().due_on, .id = out.items.back().id};
    }
    return out;
}

std::vector<DueDeadline> DueDeadlines(db::Connection& connection, const crypto::Keyring& keyring, std::string_view from,
                                      std::string_view week, std::string_view to, std::int64_t limit) {
    auto rows = connection.Execute(kSelectDue, {std::string(from), std::string(week), std::string(to), limit});
    std::vector<DueDeadline> out;
    for (std::size_t row = 0; row < rows.size(); ++row) {
        out.push_back({.deadline = ReadDeadline(keyring, rows, row),
                       .woman_id = rows.Int(row, 12),
                       .organization_id = rows.Int(row, 13),
                       .organization_name = rows.Text(row, 14),
                       .time_zone = rows.Text(row, 15)});
    }
    return out;
}

bool MarkDeadlineReminded(db::Connection& connection, std::int64_t deadline_id, int lead_days,
                          std::string_view audience, std::int64_t now_ms) {
    return connection.Execute(kMarkReminded, {deadline_id, std::int64_t{lead_days}, std::string(audience), now_ms})
               .affected_rows > 0;
}

bool DeadlineReminded(db::Connection& connection, std::int64_t deadline_id, int lead_days, std::string_view audience) {
    return connection.Execute(kSelectReminded, {deadline_id, std::int64_t{lead_days}, std::string(audience)})
               .Int(0, 0) > 0;
}

std::vector<Mailbox> TeamMailboxes(db::Connection& connection, std::int64_t case_id) {
    auto rows = connection.Execute(kSelectMailboxes, {case_id});
    std::vector<Mailbox> out;
    for (std::size_t row = 0; row < rows.size(); ++row) out.push_back({rows.Text(row, 0), rows.Text(row, 1)});
    return out;
}

}  // namespace ponte::cases

#include "modules/cases/store.hpp"

#include "core/crypto/random.hpp"

namespace ponte::cases {
namespace {

constexpr std::string_view kInsertWoman =
    "INSERT INTO cases_women (organization_id, user_id, chosen_name, code, created_at, updated_at) "
    "VALUES ($1, $2, $3, $4, $5, $5) RETURNING id";
constexpr std::string_view kInsertCase =
    "INSERT INTO cases_cases (woman_id, organization_id, state, opened_at, updated_at) "
    "SELECT id, organization_id, $2, $3, $3 FROM cases_women WHERE id = $1 RETURNING id";
constexpr std::string_view kInsertMember =
    "INSERT INTO cases_team (case_id, user_id, role, added_at) VALUES ($1, $2, $3, $4)";
// The columns of a Case, in its order, over cases_cases c joined to cases_women w.
constexpr std::string_view kCaseColumns =
    "c.id, c.woman_id, c.organization_id, w.chosen_name, w.code, c.state, COALESCE(c.outcome, ''), c.version, "
    "c.opened_at, c.updated_at, "
    "COALESCE((SELECT t.user_id FROM cases_team t WHERE t.case_id = c.id AND t.role = 'lead'), 0)";
constexpr std::string_view kSelectCase = " FROM cases_cases c JOIN cases_women w ON w.id = c.woman_id WHERE c.id = $1";
constexpr std::string_view kSelectTeam =
    "SELECT user_id, role FROM cases_team WHERE case_id = $1 ORDER BY role = 'lead' DESC, added_at, user_id";
constexpr std::string_view kSelectCaseload =
    " FROM cases_cases c JOIN cases_women w ON w.id = c.woman_id WHERE c.organization_id = $1 AND ";
constexpr std::string_view kUpdateState =
    "UPDATE cases_cases SET state = $4, outcome = $5, version = version + 1, updated_at = $6 "
    "WHERE id = $1 AND version = $2 AND state = $3";
constexpr std::string_view kInsertTransition =
    "INSERT INTO cases_transitions (case_id, from_state, to_state, outcome, reason, by_user_id, at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7)";
constexpr std::string_view kSelectTransitions =
    "SELECT from_state, to_state, COALESCE(outcome, ''), reason, COALESCE(by_user_id, 0), at "
    "FROM cases_transitions WHERE case_id = $1 ORDER BY id";

db::Value NullIfEmpty(std::string_view text) {
    return text.empty() ? db::Value{nullptr} : db::Value{std::string(text)};
}

Case ReadCase(const db::Result& rows, std::size_t row) {
    return Case{.id = rows.Int(row, 0),
                .woman_id = rows.Int(row, 1),
                .organization_id = rows.Int(row, 2),
                .chosen_name = rows.Text(row, 3),
                .code = rows.Text(row, 4),
                .state = ParseState(rows.Text(row, 5)).value_or(State::kReferred),
                .outcome = rows.Text(row, 6),
                .version = rows.Int(row, 7),
                .opened_at = rows.Int(row, 8),
                .updated_at = rows.Int(row, 9),
                .lead_user_id = rows.Int(row, 10)};
}

}  // namespace

std::string ReasonContext(std::int64_t case_id) { return crypto::FieldContext("cases_transitions", "reason", case_id); }

std::int64_t CreateWoman(db::Connection& connection, std::int64_t organization_id, std::string_view chosen_name,
                         std::int64_t user_id, std::int64_t now_ms) {
    const std::string code = "W-" + crypto::ReadableCode(2);
    return connection
        .Execute(kInsertWoman, {organization_id, db::NullIfZero(user_id), std::string(chosen_name), code, now_ms})
        .Int(0, 0);
}

std::int64_t OpenCase(db::Connection& connection, std::int64_t woman_id, State state, std::int64_t lead_user_id,
                      std::int64_t now_ms) {
    const std::int64_t id =
        connection.Execute(kInsertCase, {woman_id, std::string(StateName(state)), now_ms}).Int(0, 0);
    AddToTeam(connection, id, lead_user_id, TeamRole::kLead, now_ms);
    return id;
}

void AddToTeam(db::Connection& connection, std::int64_t case_id, std::int64_t user_id, TeamRole role,
               std::int64_t now_ms) {
    connection.Execute(kInsertMember, {case_id, user_id, std::string(TeamRoleName(role)), now_ms});
}

std::optional<Case> FindCase(db::Connection& connection, std::int64_t case_id, std::vector<TeamMember>* team) {
    auto rows = connection.Execute("SELECT " + std::string(kCaseColumns) + std::string(kSelectCase), {case_id});
    if (rows.empty()) return std::nullopt;
    if (team != nullptr) {
        team->clear();
        auto members = connection.Execute(kSelectTeam, {case_id});
        for (std::size_t row = 0; row < members.size(); ++row) {
            team->push_back(
                {members.Int(row, 0), members.Text(row, 1) == "lead" ? TeamRole::kLead : TeamRole::kMember});
        }
    }
    return ReadCase(rows, 0);
}

policy::Resource ResourceOf(const Case& record, const std::vector<TeamMember>& team) {
    policy::Resource resource{.organization_id = record.organization_id};
    for (const auto& member : team) resource.assigned_user_ids.push_back(member.user_id);
    return resource;
}

core::Page<Case> SelectCaseload(db::Connection& connection, std::int64_t organization_id, const policy::Filter& filter,
                                std::optional<State> state, const core::PageRequest& page) {
    std::vector<db::Value> params = {organization_id};
    std::string sql = "SELECT " + std::string(kCaseColumns) + std::string(kSelectCaseload);
    if (state) {
        params.emplace_back(std::string(StateName(*state)));
        sql += "c.state = $" + std::to_string(params.size()) + " AND ";
    }
    sql += policy::Render(
        filter,
        {.organization = "c.organization_id",
         .assigned = "EXISTS (SELECT 1 FROM cases_team a WHERE a.case_id = c.id AND a.user_id = {user})"},
        params);
    sql += " AND " + core::After(page, "c.id", "c.id", params);
    sql += " ORDER BY c.id LIMIT " + core::FetchLimit(page, params);
    auto rows = connection.Execute(sql, params);
    core::Page<Case> out;
    for (std::size_t row = 0; row < rows.size(); ++row) out.items.push_back(ReadCase(rows, row));
    if (static_cast<std::int64_t>(out.items.size()) > page.limit) {
        out.items.pop_back();
        out.next = core::Position{.key = out.items.back().id, .id = out.items.back().id};
    }
    return out;
}

bool MoveCase(db::Connection& connection, const crypto::Keyring& keyring, std::int64_t case_id,
              std::int64_t expected_version, State from, const Move& move, std::int64_t by_user_id,
              std::int64_t now_ms) {
    const std::string outcome = move.to == State::kClosed ? move.outcome : "";
    auto changed = connection.Execute(kUpdateState, {case_id, expected_version, std::string(StateName(from)),
                                                     std::string(StateName(move.to)), NullIfEmpty(outcome), now_ms});
    if (changed.affected_rows == 0) return false;
    const db::Value reason =
        move.reason.empty() ? db::Value{nullptr} : db::Value{keyring.Seal(move.reason, ReasonContext(case_id))};
    connection.Execute(kInsertTransition, {case_id, std::string(StateName(from)), std::string(StateName(move.to)),
                                           NullIfEmpty(move.outcome), reason, db::NullIfZero(by_user_id), now_ms});
    return true;
}

std::vector<Transition> TransitionsOf(db::Connection& connection, const crypto::Keyring& keyring,
                                      std::int64_t case_id) {
    auto rows = connection.Execute(kSelectTransitions, {case_id});
    std::vector<Transition> out;
    for (std::size_t row = 0; row < rows.size(); ++row) {
        out.push_back({.from = ParseState(rows.Text(row, 0)).value_or(State::kReferred),
                       .to = ParseState(rows.Text(row, 1)).value_or(State::kReferred),
                       .outcome = rows.Text(row, 2),
                       .reason = rows.IsNull(row, 3) ? "" : keyring.Open(rows.Text(row, 3), ReasonContext(case_id)),
                       .by_user_id = rows.Int(row, 4),
                       .at = rows.Int(row, 5)});
    }
    return out;
}

}  // namespace ponte::cases

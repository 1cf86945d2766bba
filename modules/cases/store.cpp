#include "modules/cases/store.hpp"

#include <algorithm>
#include <boost/json.hpp>

#include "core/crypto/random.hpp"
#include "core/i18n/local_time.hpp"
#include "core/i18n/search_text.hpp"
#include "core/tenancy/resources.hpp"
#include "modules/cases/glass/store.hpp"
#include "modules/cases/search.hpp"

namespace ponte::cases {
namespace {

constexpr std::string_view kInsertWoman =
    "INSERT INTO cases_women (organization_id, user_id, chosen_name, code, search_text, created_at, updated_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id";
constexpr std::string_view kInsertCase =
    "INSERT INTO cases_cases (woman_id, organization_id, state, opened_at, updated_at) "
    "SELECT id, organization_id, $2, $3, $3 FROM cases_women WHERE id = $1 RETURNING id";
constexpr std::string_view kInsertMember =
    "INSERT INTO cases_team (case_id, user_id, role, added_at) VALUES ($1, $2, $3, $4)";
constexpr std::string_view kDemoteLead = "UPDATE cases_team SET role = 'member' WHERE case_id = $1 AND role = 'lead'";
constexpr std::string_view kUpdateMember = "UPDATE cases_team SET role = $3 WHERE case_id = $1 AND user_id = $2";
constexpr std::string_view kDeleteMember = "DELETE FROM cases_team WHERE case_id = $1 AND user_id = $2";
// The columns of a Case, in its order, over cases_cases c joined to cases_women w and its lead:
// kCaseColumnCount of them (ReadCase), before any a statement adds.
constexpr std::size_t kCaseColumnCount = 14;
constexpr std::string_view kCaseColumns =
    "c.id, c.woman_id, c.organization_id, w.chosen_name, w.code, c.state, COALESCE(c.outcome, ''), c.version, "
    "c.opened_at, c.updated_at, COALESCE(l.user_id, 0), COALESCE(lu.display_name, ''), COALESCE(c.anonymized_at, 0), "
    "COALESCE(w.user_id, 0)";
constexpr std::string_view kCaseTables =
    " FROM cases_cases c JOIN cases_women w ON w.id = c.woman_id "
    "LEFT JOIN cases_team l ON l.case_id = c.id AND l.role = 'lead' LEFT JOIN accounts_users lu ON lu.id = l.user_id ";
constexpr std::string_view kSelectTeam =
    "SELECT t.user_id, t.role, u.display_name FROM cases_team t JOIN accounts_users u ON u.id = t.user_id "
    "WHERE t.case_id = $1 ORDER BY t.role = 'lead' DESC, t.added_at, t.user_id";
constexpr std::string_view kInsertEvent =
    "INSERT INTO cases_events (case_id, kind, by_user_id, at, detail) VALUES ($1, $2, $3, $4, $5)";
constexpr std::string_view kSelectEvents =
    "SELECT e.id, e.kind, COALESCE(e.by_user_id, 0), COALESCE(u.display_name, ''), e.at, e.detail "
    "FROM cases_events e LEFT JOIN accounts_users u ON u.id = e.by_user_id WHERE e.case_id = $1 AND ";
// The roles that follow women, and may be on a case's team.
constexpr std::string_view kSelectWorker =
    "SELECT u.display_name, MAX(CASE WHEN m.role IN ('case_worker', 'coordinator') THEN 1 ELSE 0 END) "
    "FROM accounts_users u JOIN tenancy_memberships m ON m.user_id = u.id "
    "WHERE u.id = $1 AND m.organization_id = $2 AND m.role IN ('case_worker', 'coordinator', 'mentor') "
    "AND u.erased_at IS NULL AND u.disabled = 0 GROUP BY u.id, u.display_name";
constexpr std::string_view kUpdateState =
    "UPDATE cases_cases SET state = $4, outcome = $5, version = version + 1, updated_at = $6 "
    "WHERE id = $1 AND version = $2 AND state = $3 AND anonymized_at IS NULL";
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
                .lead_user_id = rows.Int(row, 10),
                .lead_name = rows.Text(row, 11),
                .anonymized_at = rows.Int(row, 12),
                .woman_user_id = rows.Int(row, 13)};
}

// `text` as one FTS5 phrase: in double quotes, its own double quotes doubled. With the trigram
// tokenizer a phrase matches where `text` is a substring.
std::string FtsPhrase(std::string_view text) {
    std::string out = "\"";
    for (const char c : text) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + '"';
}

// Escapes LIKE's wildcards in `text`, for "LIKE ... ESCAPE '\'".
std::string LikeLiteral(std::string_view text) {
    std::string out;
    for (char c : text) {
        if (c == '%' || c == '_' || c == '\\') out += '\\';
        out += c;
    }
    return out;
}

void InsertEvent(db::Connection& connection, std::int64_t case_id, std::string_view kind, std::int64_t by_user_id,
                 std::int64_t at, db::Value detail) {
    connection.Execute(kInsertEvent, {case_id, std::string(kind), db::NullIfZero(by_user_id), at, std::move(detail)});
}

}  // namespace

std::string ReasonContext(std::int64_t case_id) { return crypto::FieldContext("cases_transitions", "reason", case_id); }
std::string EventContext(std::int64_t case_id) { return crypto::FieldContext("cases_events", "detail", case_id); }

void DropDeletedFromSearch(db::Connection& connection) {
    if (connection.engine() != db::Engine::kSqlite) return;
    connection.ExecuteScript("INSERT INTO cases_women_search (cases_women_search) VALUES ('optimize')");
}

std::string NewWomanCode() { return "W-" + crypto::ReadableCode(2); }

std::int64_t CreateWoman(db::Connection& connection, std::int64_t organization_id, std::string_view chosen_name,
                         std::int64_t user_id, std::int64_t now_ms, std::string_view given_code) {
    const std::string code = given_code.empty() ? NewWomanCode() : std::string(given_code);
    const std::string search = i18n::FoldForSearch(std::string(chosen_name) + " " + code);
    return connection
        .Execute(kInsertWoman,
                 {organization_id, db::NullIfZero(user_id), std::string(chosen_name), code, search, now_ms})
        .Int(0, 0);
}

std::int64_t OpenCase(db::Connection& connection, std::int64_t woman_id, State state, std::int64_t lead_user_id,
                      std::int64_t now_ms, std::int64_t by_user_id) {
    const std::int64_t id =
        connection.Execute(kInsertCase, {woman_id, std::string(StateName(state)), now_ms}).Int(0, 0);
    if (lead_user_id != 0) AddToTeam(connection, id, lead_user_id, TeamRole::kLead, now_ms);
    InsertEvent(connection, id, state == State::kReferred ? "referred" : "opened",
                by_user_id != 0 ? by_user_id : lead_user_id, now_ms, nullptr);
    return id;
}

void AddToTeam(db::Connection& connection, std::int64_t case_id, std::int64_t user_id, TeamRole role,
               std::int64_t now_ms) {
    connection.Execute(kInsertMember, {case_id, user_id, std::string(TeamRoleName(role)), now_ms});
}

void SetTeamRole(db::Connection& connection, std::int64_t case_id, std::int64_t user_id, TeamRole role,
                 std::int64_t now_ms) {
    if (role == TeamRole::kLead) connection.Execute(kDemoteLead, {case_id});
    auto changed = connection.Execute(kUpdateMember, {case_id, user_id, std::string(TeamRoleName(role))});
    if (changed.affected_rows == 0) AddToTeam(connection, case_id, user_id, role, now_ms);
}

bool RemoveFromTeam(db::Connection& connection, std::int64_t case_id, std::int64_t user_id) {
    return connection.Execute(kDeleteMember, {case_id, user_id}).affected_rows > 0;
}

std::optional<Case> FindCase(db::Connection& connection, std::int64_t case_id, std::vector<TeamMember>* team) {
    auto rows = connection.Execute("SELECT " + std::string(kCaseColumns) + std::string(kCaseTables) + "WHERE c.id = $1",
                                   {case_id});
    if (rows.empty()) return std::nullopt;
    if (team != nullptr) {
        team->clear();
        auto members = connection.Execute(kSelectTeam, {case_id});
        for (std::size_t row = 0; row < members.size(); ++row) {
            team->push_back({.user_id = members.Int(row, 0),
                             .role = members.Text(row, 1) == "lead" ? TeamRole::kLead : TeamRole::kMember,
                             .display_name = members.Text(row, 2)});
        }
    }
    return ReadCase(rows, 0);
}

policy::Resource ResourceOf(const Case& record, const std::vector<TeamMember>& team) {
    // Hers (Scope::kOwn) once her account is linked to her record: her own view (her/).
    policy::Resource resource{.organization_id = record.organization_id, .owner_user_id = record.woman_user_id};
    for (const auto& member : team) resource.assigned_user_ids.push_back(member.user_id);
    return resource;
}

core::Page<CaseloadRow> SelectCaseload(db::Connection& connection, std::int64_t organization_id,
                                       const policy::Filter& filter, const CaseloadQuery& query,
                                       const core::PageRequest& page) {
    std::vector<db::Value> params = {organization_id, query.now_ms, i18n::IsoDateUtc(query.now_ms)};
    // Her next appointment, and the actions of her plan that are open past their day ($2: now,
    // $3: today), each by its index.
    constexpr std::string_view kNextAppointment =
        "(SELECT MIN(n.starts_at) FROM cases_appointments n WHERE n.case_id = c.id AND n.state = 'booked' "
        "AND n.starts_at >= $2)";
    constexpr std::string_view kOverdueActions =
        "FROM cases_plan_actions o WHERE o.case_id = c.id AND o.state IN ('planned', 'in_progress') AND o.due_on < $3";
    const std::string folded = query.search.empty() ? "" : i18n::FoldForSearch(query.search);
    // On SQLite a search of three letters or more is served by the trigram index (migration 0014),
    // which then leads: the unary + keeps the planner off the organization's index, which would
    // read all her organization's cases to find the few women the index names.
    const bool by_trigrams = connection.engine() == db::Engine::kSqlite && CodePoints(folded) >= 3;
    const std::string organization = by_trigrams ? "+c.organization_id" : "c.organization_id";
    std::string sql = "SELECT " + std::string(kCaseColumns) + ", COALESCE(" + std::string(kNextAppointment) +
                      ", 0), (SELECT COUNT(*) " + std::string(kOverdueActions) + ")" + std::string(kCaseTables) +
                      "WHERE " + organization + " = $1 AND ";
    auto parameter = [&](db::Value value) {
        params.push_back(std::move(value));
        return "$" + std::to_string(params.size());
    };
    if (query.state) sql += "c.state = " + parameter(std::string(StateName(*query.state))) + " AND ";
    if (query.worker_user_id != 0) {
        sql += "EXISTS (SELECT 1 FROM cases_team f WHERE f.case_id = c.id AND f.user_id = " +
               parameter(query.worker_user_id) + ") AND ";
    }
    // The index is asked for a few rare trigrams when the search has any (search.hpp), else for
    // them all; the whole substring is then tested on the women it names.
    const std::vector<std::string> rare =
        folded.empty() ? std::vector<std::string>{} : RareTrigrams(connection, folded);
    if (by_trigrams) {
        std::string match;
        for (const auto& trigram : rare) match += (match.empty() ? "" : " ") + FtsPhrase(trigram);
        sql += "w.id IN (SELECT rowid FROM cases_women_search WHERE cases_women_search MATCH " +
               parameter(match.empty() ? FtsPhrase(folded) : match) + ") AND ";
    }
    // The substring itself: on SQLite by instr, where LIKE with a parameter may make SQLite
    // prepare the statement again for each pattern (in case the pattern could use an index); on
    // PostgreSQL by LIKE, which its trigram index serves, or by strpos, which it does not, after
    // a LIKE for each rare trigram, which it does.
    if (!folded.empty() && connection.engine() == db::Engine::kSqlite) {
        sql += "instr(w.search_text, " + parameter(folded) + ") > 0 AND ";
    } else if (!folded.empty() && !rare.empty()) {
        for (const auto& trigram : rare) {
            sql += "w.search_text LIKE " + parameter("%" + LikeLiteral(trigram) + "%") + " ESCAPE '\\' AND ";
        }
        sql += "strpos(w.search_text, " + parameter(folded) + ") > 0 AND ";
    } else if (!folded.empty()) {
        sql += "w.search_text LIKE " + parameter("%" + LikeLiteral(folded) + "%") + " ESCAPE '\\' AND ";
    }
    if (!query.domain.empty()) {
        sql += "EXISTS (SELECT 1 FROM cases_plan_goals g WHERE g.case_id = c.id AND g.domain = " +
               parameter(query.domain) + ") AND ";
    }
    if (query.overdue_actions) sql += "EXISTS (SELECT 1 " + std::string(kOverdueActions) + ") AND ";
    if (query.appointment_before != 0) {
        sql +=
            "EXISTS (SELECT 1 FROM cases_appointments b WHERE b.case_id = c.id AND b.state = 'booked' AND "
            "b.starts_at >= $2 AND b.starts_at < " +
            parameter(query.appointment_before) + ") AND ";
    }
    // Her team, and those who broke the glass while their access runs (as ReachCase decides).
    std::string assigned = "EXISTS (SELECT 1 FROM cases_team a WHERE a.case_id = c.id AND a.user_id = {user})";
    if (filter.assigned_user_id != 0 && !filter.assigned_organization_ids.empty()) {
        assigned = "(" + assigned + " OR " + GlassPredicate("c.id", "{user}", "$2") + ")";
    }
    sql += policy::Render(filter, {.organization = organization, .assigned = assigned}, params);
    sql += " AND " + core::After(page, "c.id", "c.id", params);
    sql += " ORDER BY c.id LIMIT " + core::FetchLimit(page, params);
    auto rows = connection.Execute(sql, params);
    constexpr std::size_t kExtra = kCaseColumnCount;
    core::Page<CaseloadRow> out;
    for (std::size_t row = 0; row < rows.size(); ++row) {
        out.items.push_back({.record = ReadCase(rows, row),
                             .next_appointment_at = rows.Int(row, kExtra),
                             .overdue_actions = rows.Int(row, kExtra + 1)});
    }
    if (static_cast<std::int64_t>(out.items.size()) > page.limit) {
        out.items.pop_back();
        out.next = core::Position{.key = out.items.back().record.id, .id = out.items.back().record.id};
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
    boost::json::object detail{{"from", StateName(from)}, {"to", StateName(move.to)}};
    if (!outcome.empty()) detail["outcome"] = outcome;
    if (!move.reason.empty()) detail["reason"] = move.reason;
    AppendEvent(connection, keyring, case_id,
                {.kind = "moved", .by_user_id = by_user_id, .at = now_ms, .detail = detail});
    return true;
}

void AppendEvent(db::Connection& connection, const crypto::Keyring& keyring, std::int64_t case_id, const Event& event) {
    db::Value detail = nullptr;
    if (!event.detail.empty()) detail = keyring.Seal(boost::json::serialize(event.detail), EventContext(case_id));
    InsertEvent(connection, case_id, event.kind, event.by_user_id, event.at, std::move(detail));
}

core::Page<Event> SelectTimeline(db::Connection& connection, const crypto::Keyring& keyring, std::int64_t case_id,
                                 const core::PageRequest& page) {
    std::vector<db::Value> params = {case_id};
    std::string sql = std::string(kSelectEvents) + core::After(page, "e.id", "e.id", params);
    sql += " ORDER BY e.id LIMIT " + core::FetchLimit(page, params);
    auto rows = connection.Execute(sql, params);
    core::Page<Event> out;
    for (std::size_t row = 0; row < rows.size(); ++row) {
        Event event{.id = rows.Int(row, 0),
                    .kind = rows.Text(row, 1),
                    .by_user_id = rows.Int(row, 2),
                    .by_name = rows.Text(row, 3),
                    .at = rows.Int(row, 4)};
        if (!rows.IsNull(row, 5)) {
            event.detail = boost::json::parse(keyring.Open(rows.Text(row, 5), EventContext(case_id))).as_object();
        }
        out.items.push_back(std::move(event));
    }
    if (static_cast<std::int64_t>(out.items.size()) > page.limit) {
        out.items.pop_back();
        out.next = core::Position{.key = out.items.back().id, .id = out.items.back().id};
    }
    return out;
}

std::optional<Worker> FindWorker(db::Connection& connection, std::int64_t organization_id, std::int64_t user_id) {
    auto rows = connection.Execute(kSelectWorker, {user_id, organization_id});
    if (rows.empty()) return std::nullopt;
    return Worker{.user_id = user_id, .display_name = rows.Text(0, 0), .may_lead = rows.Int(0, 1) != 0};
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

bool InOneNetwork(db::Connection& connection, std::int64_t from_organization_id, std::int64_t to_organization_id) {
    const auto to = tenancy::OrganizationResource(connection, to_organization_id);
    if (!to) return false;
    if (to_organization_id == from_organization_id) return true;
    const auto from = tenancy::OrganizationResource(connection, from_organization_id);
    if (!from) return false;
    return std::any_of(to->network_ids.begin(), to->network_ids.end(), [&](std::int64_t network) {
        return std::find(from->network_ids.begin(), from->network_ids.end(), network) != from->network_ids.end();
    });
}

}  // namespace ponte::cases

#include "modules/cases/teams/store.hpp"

#include <algorithm>

namespace ponte::cases {
namespace {

constexpr std::string_view kInsertTeam =
    "INSERT INTO cases_mdt_teams (organization_id, name, created_by, created_at) VALUES ($1, $2, $3, $4) "
    "RETURNING id";
constexpr std::string_view kSelectTeam =
    "SELECT t.id, t.organization_id, t.name, COALESCE(t.created_by, 0), t.created_at FROM cases_mdt_teams t ";
constexpr std::string_view kSelectMembers =
    "SELECT m.user_id, m.organization_id, u.display_name FROM cases_mdt_members m "
    "JOIN accounts_users u ON u.id = m.user_id WHERE m.team_id = $1 ORDER BY m.added_at, m.user_id";
// A staff role of a live account in the team's organization or one sharing a network with it.
constexpr std::string_view kSelectMemberOrganization =
    "SELECT m.organization_id FROM tenancy_memberships m JOIN accounts_users u ON u.id = m.user_id "
    "WHERE m.user_id = $1 AND m.organization_id IS NOT NULL AND u.erased_at IS NULL AND u.disabled = 0 "
    "AND m.role IN ('mentor', 'case_worker', 'trainer', 'coordinator') "
    "AND (m.organization_id = $2 OR EXISTS (SELECT 1 FROM tenancy_network_organizations a "
    "JOIN tenancy_network_organizations b ON b.network_id = a.network_id "
    "WHERE a.organization_id = $2 AND b.organization_id = m.organization_id)) "
    "ORDER BY CASE WHEN m.organization_id = $2 THEN 0 ELSE 1 END, m.organization_id LIMIT 1";
constexpr std::string_view kInsertMember =
    "INSERT INTO cases_mdt_members (team_id, user_id, organization_id, added_at) VALUES ($1, $2, $3, $4) "
    "ON CONFLICT (team_id, user_id) DO NOTHING";
constexpr std::string_view kSelectSeats =
    "SELECT t.name, m.organization_id, m.added_at FROM cases_mdt_members m JOIN cases_mdt_teams t ON t.id = m.team_id "
    "WHERE m.user_id = $1 ORDER BY m.added_at, t.id";
constexpr std::string_view kDeleteSeats = "DELETE FROM cases_mdt_members WHERE user_id = $1";
constexpr std::string_view kDeleteMember = "DELETE FROM cases_mdt_members WHERE team_id = $1 AND user_id = $2";

constexpr std::string_view kInsertShare =
    "INSERT INTO cases_mdt_shares (team_id, case_id, shared_by, shared_at, consent_method, consent_by, consent_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (team_id, case_id) DO NOTHING";
constexpr std::string_view kDeleteShare = "DELETE FROM cases_mdt_shares WHERE team_id = $1 AND case_id = $2";
constexpr std::string_view kSelectShare =
    "SELECT s.team_id, t.name, s.case_id, w.code, w.chosen_name, COALESCE(w.user_id, 0), "
    "COALESCE(s.consent_method, ''), COALESCE(s.consent_by, 0), COALESCE(s.consent_at, 0), "
    "COALESCE(s.shared_by, 0), s.shared_at FROM cases_mdt_shares s JOIN cases_mdt_teams t ON t.id = s.team_id "
    "JOIN cases_cases c ON c.id = s.case_id JOIN cases_women w ON w.id = c.woman_id ";

constexpr std::string_view kInsertMeeting =
    "INSERT INTO cases_mdt_meetings (team_id, starts_at, place, created_by, created_at) "
    "VALUES ($1, $2, $3, $4, $5) RETURNING id";
constexpr std::string_view kInsertItem =
    "INSERT INTO cases_mdt_agenda (meeting_id, case_id, position) VALUES ($1, $2, $3) RETURNING id";
constexpr std::string_view kSelectMeeting =
    "SELECT id, team_id, starts_at, place, COALESCE(created_by, 0), created_at FROM cases_mdt_meetings WHERE id = $1";
constexpr std::string_view kSelectMeetings =
    "SELECT id, team_id, starts_at, place, COALESCE(created_by, 0), created_at FROM cases_mdt_meetings "
    "WHERE team_id = $1 ORDER BY starts_at DESC, id DESC LIMIT 100";
constexpr std::string_view kSelectAccountOfCase =
    "SELECT COALESCE(w.user_id, 0) FROM cases_cases c JOIN cases_women w ON w.id = c.woman_id WHERE c.id = $1";
constexpr std::string_view kSelectItem =
    "SELECT a.id, a.meeting_id, m.team_id, a.case_id, a.position, a.minutes, COALESCE(a.minutes_by, 0), "
    "COALESCE(a.minutes_at, 0) FROM cases_mdt_agenda a JOIN cases_mdt_meetings m ON m.id = a.meeting_id ";
constexpr std::string_view kUpdateMinutes =
    "UPDATE cases_mdt_agenda SET minutes = $2, minutes_by = $3, minutes_at = $4 WHERE id = $1";

constexpr std::string_view kInsertDecision =
    "INSERT INTO cases_mdt_decisions (item_id, case_id, text, owner, owner_user_id, owner_organization_id, due_on, "
    "plan_action_id, decided_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id";
constexpr std::string_view kSelectDecision =
    "SELECT id, item_id, case_id, text, owner, COALESCE(owner_user_id, 0), COALESCE(owner_organization_id, 0), "
    "due_on, COALESCE(plan_action_id, 0), COALESCE(decided_by, 0), created_at FROM cases_mdt_decisions ";

std::vector<Team> ReadTeams(const db::Result& rows) {
    std::vector<Team> out;
    out.reserve(rows.size());
    for (std::size_t row = 0; row < rows.size(); ++row) {
        out.push_back({.id = rows.Int(row, 0),
                       .organization_id = rows.Int(row, 1),
                       .name = rows.Text(row, 2),
                       .created_by = rows.Int(row, 3),
                       .created_at = rows.Int(row, 4)});
    }
    return out;
}

std::vector<Share> ReadShares(const db::Result& rows) {
    std::vector<Share> out;
    out.reserve(rows.size());
    for (std::size_t row = 0; row < rows.size(); ++row) {
        out.push_back({.team_id = rows.Int(row, 0),
                       .team_name = rows.Text(row, 1),
                       .case_id = rows.Int(row, 2),
                       .code = rows.Text(row, 3),
                       .chosen_name = rows.Text(row, 4),
                       .woman_user_id = rows.Int(row, 5),
                       .consent_method = rows.Text(row, 6),
                       .consent_by = rows.Int(row, 7),
                       .consent_at = rows.Int(row, 8),
                       .shared_by = rows.Int(row, 9),
                       .shared_at = rows.Int(row, 10)});
    }
    return out;
}

std::vector<AgendaItem> ReadItems(const crypto::Keyring& keyring, const db::Result& rows) {
    std::vector<AgendaItem> out;
    out.reserve(rows.size());
    for (std::size_t row = 0; row < rows.size(); ++row) {
        const std::int64_t case_id = rows.Int(row, 3);
        out.push_back(
            {.id = rows.Int(row, 0),
             .meeting_id = rows.Int(row, 1),
             .team_id = rows.Int(row, 2),
             .case_id = case_id,
             .position = static_cast<int>(rows.Int(row, 4)),
             .minutes = rows.IsNull(row, 5) ? std::string() : keyring.Open(rows.Text(row, 5), MinutesContext(case_id)),
             .minutes_by = rows.Int(row, 6),
             .minutes_at = rows.Int(row, 7)});
    }
    return out;
}

}  // namespace

std::string MinutesContext(std::int64_t case_id) {
    return crypto::FieldContext("cases_mdt_agenda", "minutes", case_id);
}
std::string DecisionContext(std::int64_t case_id) {
    return crypto::FieldContext("cases_mdt_decisions", "text", case_id);
}

bool Team::HasMember(std::int64_t user_id) const {
    return std::any_of(members.begin(), members.end(), [&](const TeamMate& mate) { return mate.user_id == user_id; });
}

std::int64_t InsertTeam(db::Connection& connection, std::int64_t organization_id, std::string_view name,
                        std::int64_t by_user_id, std::int64_t now_ms) {
    return connection.Execute(kInsertTeam, {organization_id, std::string(name), db::NullIfZero(by_user_id), now_ms})
        .Int(0, 0);
}

std::optional<Team> FindTeam(db::Connection& connection, std::int64_t team_id) {
    auto teams = ReadTeams(connection.Execute(std::string(kSelectTeam) + "WHERE t.id = $1", {team_id}));
    if (teams.empty()) return std::nullopt;
    Team team = std::move(teams.front());
    auto rows = connection.Execute(kSelectMembers, {team_id});
    team.members.reserve(rows.size());
    for (std::size_t row = 0; row < rows.size(); ++row) {
        team.members.push_back(
            {.user_id = rows.Int(row, 0), .organization_id = rows.Int(row, 1), .display_name = rows.Text(row, 2)});
    }
    return team;
}

std::vector<Team> SelectTeams(db::Connection& connection, std::int64_t user_id, const policy::Filter& filter) {
    std::vector<db::Value> params = {user_id};
    const std::string sql =
        std::string(kSelectTeam) + "LEFT JOIN cases_mdt_members me ON me.team_id = t.id AND me.user_id = $1 WHERE " +
        policy::Render(filter, {.organization = "t.organization_id", .owner = "me.user_id"}, params) +
        " ORDER BY t.id DESC LIMIT 200";
    auto teams = ReadTeams(connection.Execute(sql, params));
    if (teams.empty()) return teams;
    // Their members in one statement.
    std::vector<db::Value> ids;
    ids.reserve(teams.size());
    std::string list;
    for (const auto& team : teams) {
        ids.emplace_back(team.id);
        list += (list.empty() ? "$" : ", $") + std::to_string(ids.size());
    }
    auto rows = connection.Execute(
        "SELECT m.team_id, m.user_id, m.organization_id, u.display_name FROM cases_mdt_members m "
        "JOIN accounts_users u ON u.id = m.user_id WHERE m.team_id IN (" +
            list + ") ORDER BY m.added_at, m.user_id",
        ids);
    for (std::size_t row = 0; row < rows.size(); ++row) {
        const std::int64_t team_id = rows.Int(row, 0);
        auto team =
            std::find_if(teams.begin(), teams.end(), [&](const Team& candidate) { return candidate.id == team_id; });
        team->members.push_back(
            {.user_id = rows.Int(row, 1), .organization_id = rows.Int(row, 2), .display_name = rows.Text(row, 3)});
    }
    return teams;
}

std::optional<std::int64_t> MemberOrganization(db::Connection& connection, std::int64_t team_organization_id,
                                               std::int64_t user_id) {
    auto rows = connection.Execute(kSelectMemberOrganization, {user_id, team_organization_id});
    if (rows.empty()) return std::nullopt;
    return rows.Int(0, 0);
}

boost::json::array TeamSeatsOf(db::Connection& connection, std::int64_t user_id) {
    auto rows = connection.Execute(kSelectSeats, {user_id});
    boost::json::array out;
    out.reserve(rows.size());
    for (std::size_t row = 0; row < rows.size(); ++row) {
        out.push_back(
            {{"team", rows.Text(row, 0)}, {"organization_id", rows.Int(row, 1)}, {"since", rows.Int(row, 2)}});
    }
    return out;
}

void DeleteTeamSeatsOf(db::Connection& connection, std::int64_t user_id) {
    connection.Execute(kDeleteSeats, {user_id});
}

void InsertTeamMember(db::Connection& connection, std::int64_t team_id, const TeamMate& mate, std::int64_t now_ms) {
    connection.Execute(kInsertMember, {team_id, mate.user_id, mate.organization_id, now_ms});
}

bool DeleteTeamMember(db::Connection& connection, std::int64_t team_id, std::int64_t user_id) {
    return connection.Execute(kDeleteMember, {team_id, user_id}).affected_rows > 0;
}

bool InsertShare(db::Connection& connection, const Share& share) {
    const db::Value method = share.consent_method.empty() ? db::Value{nullptr} : db::Value{share.consent_method};
    return connection
               .Execute(kInsertShare, {share.team_id, share.case_id, db::NullIfZero(share.shared_by), share.shared_at,
                                       method, db::NullIfZero(share.consent_by), db::NullIfZero(share.consent_at)})
               .affected_rows > 0;
}

bool DeleteShare(db::Connection& connection, std::int64_t team_id, std::int64_t case_id) {
    return connection.Execute(kDeleteShare, {team_id, case_id}).affected_rows > 0;
}

std::optional<Share> FindShare(db::Connection& connection, std::int64_t team_id, std::int64_t case_id) {
    auto shares = ReadShares(
        connection.Execute(std::string(kSelectShare) + "WHERE s.team_id = $1 AND s.case_id = $2", {team_id, case_id}));
    if (shares.empty()) return std::nullopt;
    return shares.front();
}

std::vector<Share> SharesOfTeam(db::Connection& connection, std::int64_t team_id) {
    return ReadShares(connection.Execute(
        std::string(kSelectShare) + "WHERE s.team_id = $1 ORDER BY s.shared_at, s.case_id", {team_id}));
}

std::vector<Share> SharesOfCase(db::Connection& connection, std::int64_t case_id) {
    return ReadShares(
        connection.Execute(std::string(kSelectShare) + "WHERE s.case_id = $1 ORDER BY s.team_id", {case_id}));
}

void InsertMeeting(db::Connection& connection, Meeting& meeting, const std::vector<std::int64_t>& case_ids) {
    meeting.id = connection
                     .Execute(kInsertMeeting, {meeting.team_id, meeting.starts_at, meeting.place,
                                               db::NullIfZero(meeting.created_by), meeting.created_at})
                     .Int(0, 0);
    meeting.agenda.clear();
    meeting.agenda.reserve(case_ids.size());
    for (std::size_t i = 0; i < case_ids.size(); ++i) {
        const auto position = static_cast<std::int64_t>(i);
        const std::int64_t id = connection.Execute(kInsertItem, {meeting.id, case_ids[i], position}).Int(0, 0);
        meeting.agenda.push_back({.id = id,
                                  .meeting_id = meeting.id,
                                  .team_id = meeting.team_id,
                                  .case_id = case_ids[i],
                                  .position = static_cast<int>(i)});
    }
}

std::int64_t AccountOfCase(db::Connection& connection, std::int64_t case_id) {
    auto rows = connection.Execute(kSelectAccountOfCase, {case_id});
    return rows.empty() ? 0 : rows.Int(0, 0);
}

std::vector<Meeting> MeetingsOfTeam(db::Connection& connection, std::int64_t team_id) {
    auto rows = connection.Execute(kSelectMeetings, {team_id});
    std::vector<Meeting> out;
    out.reserve(rows.size());
    for (std::size_t row = 0; row < rows.size(); ++row) {
        out.push_back({.id = rows.Int(row, 0),
                       .team_id = rows.Int(row, 1),
                       .starts_at = rows.Int(row, 2),
                       .place = rows.Text(row, 3),
                       .created_by = rows.Int(row, 4),
                       .created_at = rows.Int(row, 5)});
    }
    return out;
}

std::optional<Meeting> FindMeeting(db::Connection& connection, const crypto::Keyring& keyring,
                                   std::int64_t meeting_id) {
    auto rows = connection.Execute(kSelectMeeting, {meeting_id});
    if (rows.empty()) return std::nullopt;
    Meeting meeting{.id = rows.Int(0, 0),
                    .team_id = rows.Int(0, 1),
                    .starts_at = rows.Int(0, 2),
                    .place = rows.Text(0, 3),
                    .created_by = rows.Int(0, 4),
                    .created_at = rows.Int(0, 5)};
    meeting.agenda = ReadItems(
        keyring,
        connection.Execute(std::string(kSelectItem) + "WHERE a.meeting_id = $1 ORDER BY a.position", {meeting_id}));
    return meeting;
}

std::optional<AgendaItem> FindAgendaItem(db::Connection& connection, const crypto::Keyring& keyring,
                                         std::int64_t item_id) {
    auto items = ReadItems(keyring, connection.Execute(std::string(kSelectItem) + "WHERE a.id = $1", {item_id}));
    if (items.empty()) return std::nullopt;
    return items.front();
}

std::vector<AgendaItem> ItemsOfCase(db::Connection& connection, const crypto::Keyring& keyring, std::int64_t case_id) {
    return ReadItems(keyring,
                     connection.Execute(std::string(kSelectItem) + "WHERE a.case_id = $1 ORDER BY a.id", {case_id}));
}

void SetMinutes(db::Connection& connection, const crypto::Keyring& keyring, const AgendaItem& item,
                std::string_view minutes, std::int64_t by_user_id, std::int64_t now_ms) {
    connection.Execute(kUpdateMinutes, {item.id, keyring.Seal(minutes, MinutesContext(item.case_id)),
                                        db::NullIfZero(by_user_id), now_ms});
}

std::int64_t InsertDecision(db::Connection& connection, const crypto::Keyring& keyring, const Decision& decision) {
    return connection
        .Execute(kInsertDecision,
                 {decision.item_id, decision.case_id, keyring.Seal(decision.text, DecisionContext(decision.case_id)),
                  decision.owner, db::NullIfZero(decision.owner_user_id),
                  db::NullIfZero(decision.owner_organization_id), decision.due_on,
                  db::NullIfZero(decision.plan_action_id), db::NullIfZero(decision.decided_by), decision.created_at})
        .Int(0, 0);
}

std::vector<Decision> DecisionsOf(db::Connection& connection, const crypto::Keyring& keyring, std::int64_t item_id,
                                  std::int64_t case_id) {
    auto rows = item_id != 0
                    ? connection.Execute(std::string(kSelectDecision) + "WHERE item_id = $1 ORDER BY id", {item_id})
                    : connection.Execute(std::string(kSelectDecision) + "WHERE case_id = $1 ORDER BY id", {case_id});
    std::vector<Decision> out;
    out.reserve(rows.size());
    for (std::size_t row = 0; row < rows.size(); ++row) {
        const std::int64_t of_case = rows.Int(row, 2);
        out.push_back(
            {.id = rows.Int(row, 0),
             .item_id = rows.Int(row, 1),
             .case_id = of_case,
             .text = rows.IsNull(row, 3) ? std::string() : keyring.Open(rows.Text(row, 3), DecisionContext(of_case)),
             .owner = rows.Text(row, 4),
             .owner_user_id = rows.Int(row, 5),
             .owner_organization_id = rows.Int(row, 6),
             .due_on = rows.Text(row, 7),
             .plan_action_id = rows.Int(row, 8),
             .decided_by = rows.Int(row, 9),
             .created_at = rows.Int(row, 10)});
    }
    return out;
}

}  // namespace ponte::cases

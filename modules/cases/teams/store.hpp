// The tables of the multidisciplinary team (cases_mdt_*): teams and their members, the cases
// shared with a team, its meetings, their agenda, each item's minutes and decisions (minutes and
// decisions sealed, bound to the case). SQL is in store.cpp as named constants with bound
// parameters; every function runs on the caller's connection.
#pragma once

#include <boost/json/array.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/crypto/keyring.hpp"
#include "core/db/database.hpp"
#include "core/policy/filter.hpp"

namespace ponte::cases {

struct TeamMate {
    std::int64_t user_id = 0;
    std::int64_t organization_id = 0;  // the organization she sits on the team for
    std::string display_name;
};

struct Team {
    std::int64_t id = 0;
    std::int64_t organization_id = 0;
    std::string name;
    std::int64_t created_by = 0;
    std::int64_t created_at = 0;
    std::vector<TeamMate> members;  // in the order they joined
    bool HasMember(std::int64_t user_id) const;
};

std::int64_t InsertTeam(db::Connection& connection, std::int64_t organization_id, std::string_view name,
                        std::int64_t by_user_id, std::int64_t now_ms);
// The team with its members, or nullopt.
std::optional<Team> FindTeam(db::Connection& connection, std::int64_t team_id);
// The teams `filter` reaches (as cases.mdt.read: the caller's own as a member, `user_id`, and
// those of the organizations she coordinates), newest first, at most 200, with their members.
std::vector<Team> SelectTeams(db::Connection& connection, std::int64_t user_id, const policy::Filter& filter);

// The organization `user_id` sits on a team of `team_organization_id` for: one where her live
// account holds a staff role and that shares a network with the team's (or is the same one),
// the team's own first. Nullopt for anyone else.
std::optional<std::int64_t> MemberOrganization(db::Connection& connection, std::int64_t team_organization_id,
                                               std::int64_t user_id);
// The teams she sits on, as {"team", "organization_id", "since"}; and taking her off them all.
boost::json::array TeamSeatsOf(db::Connection& connection, std::int64_t user_id);
void DeleteTeamSeatsOf(db::Connection& connection, std::int64_t user_id);
// Adds her (nothing changes when she is on the team already).
void InsertTeamMember(db::Connection& connection, std::int64_t team_id, const TeamMate& mate, std::int64_t now_ms);
// False when she was not on the team.
bool DeleteTeamMember(db::Connection& connection, std::int64_t team_id, std::int64_t user_id);

// A case shared with a team, as the team sees it: her code and the name she chose, nothing else.
struct Share {
    std::int64_t team_id = 0;
    std::string team_name;
    std::int64_t case_id = 0;
    std::string code;
    std::string chosen_name;
    std::int64_t woman_user_id = 0;  // 0: she has no account; her consent is then on the share
    std::string consent_method;      // "paper" or "verbal"; "" when her consent record decides
    std::int64_t consent_by = 0;
    std::int64_t consent_at = 0;
    std::int64_t shared_by = 0;
    std::int64_t shared_at = 0;
};
// False (nothing written) when the case is shared with the team already.
bool InsertShare(db::Connection& connection, const Share& share);
bool DeleteShare(db::Connection& connection, std::int64_t team_id, std::int64_t case_id);
std::optional<Share> FindShare(db::Connection& connection, std::int64_t team_id, std::int64_t case_id);
// The shares of the team (oldest first) or of the case (by team).
std::vector<Share> SharesOfTeam(db::Connection& connection, std::int64_t team_id);
std::vector<Share> SharesOfCase(db::Connection& connection, std::int64_t case_id);

struct AgendaItem {
    std::int64_t id = 0;
    std::int64_t meeting_id = 0;
    std::int64_t team_id = 0;
    std::int64_t case_id = 0;
    int position = 0;
    std::string minutes;  // sealed at rest; "" when none were written
    std::int64_t minutes_by = 0;
    std::int64_t minutes_at = 0;
};

struct Meeting {
    std::int64_t id = 0;
    std::int64_t team_id = 0;
    std::int64_t starts_at = 0;
    std::string place;
    std::int64_t created_by = 0;
    std::int64_t created_at = 0;
    std::vector<AgendaItem> agenda;  // in order
};

// The account of the woman whose case it is; 0 when she has none.
std::int64_t AccountOfCase(db::Connection& connection, std::int64_t case_id);

// The team's meetings, newest first, at most 100; without their agenda.
std::vector<Meeting> MeetingsOfTeam(db::Connection& connection, std::int64_t team_id);

// Adds the meeting with an agenda item per case, in order; sets the ids in `meeting`.
void InsertMeeting(db::Connection& connection, Meeting& meeting, const std::vector<std::int64_t>& case_ids);
// The meeting with its whole agenda (minutes opened), or nullopt.
std::optional<Meeting> FindMeeting(db::Connection& connection, const crypto::Keyring& keyring, std::int64_t meeting_id);
std::optional<AgendaItem> FindAgendaItem(db::Connection& connection, const crypto::Keyring& keyring,
                                         std::int64_t item_id);
// The agenda items about the case, oldest first, with their minutes opened.
std::vector<AgendaItem> ItemsOfCase(db::Connection& connection, const crypto::Keyring& keyring, std::int64_t case_id);
void SetMinutes(db::Connection& connection, const crypto::Keyring& keyring, const AgendaItem& item,
                std::string_view minutes, std::int64_t by_user_id, std::int64_t now_ms);

struct Decision {
    std::int64_t id = 0;
    std::int64_t item_id = 0;
    std::int64_t case_id = 0;
    std::string text;   // sealed at rest
    std::string owner;  // "her", "worker" or "partner"
    std::int64_t owner_user_id = 0;
    std::int64_t owner_organization_id = 0;
    std::string due_on;
    std::int64_t plan_action_id = 0;
    std::int64_t decided_by = 0;
    std::int64_t created_at = 0;
};
std::int64_t InsertDecision(db::Connection& connection, const crypto::Keyring& keyring, const Decision& decision);
// The decisions of the item, or (item 0) of the whole case, oldest first.
std::vector<Decision> DecisionsOf(db::Connection& connection, const crypto::Keyring& keyring, std::int64_t item_id,
                                  std::int64_t case_id = 0);

// The contexts of the sealed minutes and decisions, bound to the case.
std::string MinutesContext(std::int64_t case_id);
std::string DecisionContext(std::int64_t case_id);

}  // namespace ponte::cases

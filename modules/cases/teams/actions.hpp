// The multidisciplinary team, free of HTTP. A coordinator of an organization makes a team and
// chooses its members among the staff of her organization and of those that share a network with
// it. A case of that organization is shared with the team by those who move it, only with her
// consent (her consent record for kTeamSharingPurpose, or the one the worker records for a woman
// without an account; a share on her record lapses the moment she withdraws her consent). The team
// meets on an agenda of shared cases; its members see only those cases (her code and chosen name,
// the minutes and decisions about her), write the minutes, and turn decisions into actions of her
// plan. Every read and change is audited.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "modules/cases/actions.hpp"
#include "modules/cases/plans/model.hpp"
#include "modules/cases/teams/store.hpp"

namespace ponte::cases {

// The consent purpose a case is shared with a team for.
inline constexpr std::string_view kTeamSharingPurpose = "cases.team_sharing";

// The team the request names, when `caller` may take `action` on it (a member, or a coordinator
// of its organization); else kNotFound, audited, as for a missing one.
core::Outcome<Team> ReachTeam(const Module& module, const policy::Principal& caller, audit::Entry& request,
                              std::string_view action, std::int64_t team_id);

// The teams the caller is on or coordinates, newest first. Audited.
std::vector<Team> ReadTeams(const Module& module, const policy::Principal& caller, audit::Entry request);

// A new team of the reached organization, with its maker as its first member. Audited.
Team CreateTeam(const Module& module, const policy::Principal& caller, audit::Entry request,
                std::int64_t organization_id, const std::string& name);

// Adds the user to the team: kNotFound for one who is no staff of the team's organization or of
// one sharing a network with it, as for a missing one. Removing: kNotFound for one not on it.
core::Outcome<Team> AddTeamMember(const Module& module, audit::Entry request, const Team& team, std::int64_t user_id);
core::Outcome<Team> RemoveTeamMember(const Module& module, audit::Entry request, const Team& team,
                                     std::int64_t user_id);

// What the team sees: its members, the cases shared with it, its meetings (newest first).
struct TeamFile {
    Team team;
    std::vector<Share> shares;
    std::vector<Meeting> meetings;  // without their agenda
};
TeamFile ReadTeamFile(const Module& module, audit::Entry request, const Team& team);

// Shares the reached case with a team of its organization that the caller may read. kInvalidFields
// "team_id": "not_found" for any other team; "consent_method": "required" when she has not
// consented (her consent record) and the worker records no consent ("paper" or "verbal": on her
// consent record when she has an account, else on the share); kConflict when it is shared already.
core::Outcome<Share> ShareCase(const Module& module, const policy::Principal& caller, audit::Entry request,
                               const Reached& reached, std::int64_t team_id, const std::string& consent_method);
// Stops sharing: kNotFound when the case is not shared with that team.
core::Outcome<bool> UnshareCase(const Module& module, const policy::Principal& caller, audit::Entry request,
                                const Reached& reached, std::int64_t team_id);

// A meeting of the team, its agenda the cases in `case_ids` (each shared with the team, once:
// kInvalidFields "case_ids.N": "not_found" / "duplicate").
core::Outcome<Meeting> CreateMeeting(const Module& module, const policy::Principal& caller, audit::Entry request,
                                     const Team& team, Meeting asked, const std::vector<std::int64_t>& case_ids);

// A meeting as the team reads it: its agenda holds only the cases still shared with the team,
// each with her code and chosen name, its decisions and the goals of her plan.
struct AgendaEntry {
    AgendaItem item;
    Share share;
    std::vector<Decision> decisions;
    std::vector<Goal> goals;  // of her plan, without their actions: what a decision goes under
};
struct MeetingFile {
    Meeting meeting;
    std::vector<AgendaEntry> agenda;
};
// The meeting the request names, reached through its team as `action` allows; kNotFound otherwise.
core::Outcome<Meeting> ReachMeeting(const Module& module, const policy::Principal& caller, audit::Entry& request,
                                    std::string_view action, std::int64_t meeting_id);
MeetingFile ReadMeetingFile(const Module& module, audit::Entry request, const Meeting& meeting);

// An item of the reached meeting's agenda whose case is still shared with the team; kNotFound
// otherwise.
core::Outcome<AgendaEntry> ReachAgendaItem(const Module& module, const MeetingFile& file, std::int64_t item_id,
                                           audit::Entry& request);

// Writes the item's minutes (sealed at rest). Audited, on her case's timeline.
AgendaItem WriteMinutes(const Module& module, const policy::Principal& caller, audit::Entry request,
                        const AgendaEntry& entry, const std::string& minutes);

// A decision about the item's case, turned into an action of her plan under the goal `goal_id`
// (AddDecidedAction's refusals, as kInvalidFields). Audited, on her case's timeline.
core::Outcome<Decision> Decide(const Module& module, const policy::Principal& caller, audit::Entry request,
                               const AgendaEntry& entry, std::int64_t goal_id, const PlanAction& action);

// What the teams hold about her case, for her data export: the teams it is shared with and the
// minutes and decisions about her.
boost::json::object TeamsExport(db::Connection& connection, const crypto::Keyring& keyring, std::int64_t case_id);

}  // namespace ponte::cases

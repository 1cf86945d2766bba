#include "modules/cases/teams/actions.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <set>

#include "core/feature.hpp"
#include "modules/cases/plans/actions.hpp"
#include "modules/cases/plans/store.hpp"
#include "modules/cases/policy.hpp"
#include "modules/consents/api.hpp"

namespace ponte::cases {
namespace {

constexpr std::string_view kTeamType = "cases.mdt_team";
constexpr std::string_view kMeetingType = "cases.mdt_meeting";

void Succeed(const Module& module, audit::Entry& request, boost::json::object detail = {}) {
    request.outcome = "ok";
    if (!detail.empty()) request.detail = boost::json::serialize(detail);
    audit::Record(module.database(), request, core::NowMs());
}

// The team as the policy sees it: its organization, and the caller as its owner when she is on it.
policy::Resource ResourceOf(const Team& team, std::int64_t caller_id) {
    return {.organization_id = team.organization_id, .owner_user_id = team.HasMember(caller_id) ? caller_id : 0};
}

const Share* ShareOf(const std::vector<Share>& shares, std::int64_t case_id) {
    const auto found =
        std::find_if(shares.begin(), shares.end(), [&](const Share& share) { return share.case_id == case_id; });
    return found == shares.end() ? nullptr : &*found;
}

// The team's shares that stand: one on her own consent record lapses when she withdraws it.
std::vector<Share> StandingShares(db::Connection& connection, std::int64_t team_id) {
    std::vector<Share> standing;
    for (auto& share : SharesOfTeam(connection, team_id)) {
        if (!share.consent_method.empty() ||
            (share.woman_user_id != 0 && consents::HasConsent(connection, share.woman_user_id, kTeamSharingPurpose))) {
            standing.push_back(std::move(share));
        }
    }
    return standing;
}

}  // namespace

core::Outcome<Team> ReachTeam(const Module& module, const policy::Principal& caller, audit::Entry& request,
                              std::string_view action, std::int64_t team_id) {
    request.action = std::string(action);
    request.resource_type = std::string(kTeamType);
    request.resource_id = std::to_string(team_id);
    std::optional<Team> team;
    if (team_id > 0) team = FindTeam(*module.database().Acquire(), team_id);
    if (!team || !module.policy.Permits(&caller, action, ResourceOf(*team, caller.user_id))) {
        request.outcome = team ? "denied" : "not_found";
        return core::NotFoundAudited(module.database(), request);
    }
    request.organization_id = team->organization_id;
    return std::move(*team);
}

std::vector<Team> ReadTeams(const Module& module, const policy::Principal& caller, audit::Entry request) {
    request.action = std::string(kTeamReadAction);
    request.resource_type = std::string(kTeamType);
    const policy::Filter filter = module.policy.FilterFor(&caller, kTeamReadAction);
    auto teams = SelectTeams(*module.database().Acquire(), caller.user_id, filter);
    Succeed(module, request, {{"count", teams.size()}});
    return teams;
}

Team CreateTeam(const Module& module, const policy::Principal& caller, audit::Entry request,
                std::int64_t organization_id, const std::string& name) {
    std::int64_t team_id = 0;
    module.database().Transact([&](db::Connection& connection) {
        const std::int64_t now = core::NowMs();
        team_id = InsertTeam(connection, organization_id, name, caller.user_id, now);
        InsertTeamMember(connection, team_id, {.user_id = caller.user_id, .organization_id = organization_id}, now);
        request.resource_type = std::string(kTeamType);
        request.resource_id = std::to_string(team_id);
        request.organization_id = organization_id;
        request.outcome = "ok";
        audit::Append(connection, request, now);
    });
    return *FindTeam(*module.database().Acquire(), team_id);
}

core::Outcome<Team> AddTeamMember(const Module& module, audit::Entry request, const Team& team, std::int64_t user_id) {
    bool added = false;
    module.database().Transact([&](db::Connection& connection) {
        const auto organization = MemberOrganization(connection, team.organization_id, user_id);
        if (!organization) return;
        const std::int64_t now = core::NowMs();
        InsertTeamMember(connection, team.id, {.user_id = user_id, .organization_id = *organization}, now);
        request.outcome = "ok";
        request.detail = boost::json::serialize(boost::json::object{{"user_id", user_id}});
        audit::Append(connection, request, now);
        added = true;
    });
    if (!added) {
        request.outcome = "not_found";
        return core::NotFoundAudited(module.database(), request);
    }
    return *FindTeam(*module.database().Acquire(), team.id);
}

core::Outcome<Team> RemoveTeamMember(const Module& module, audit::Entry request, const Team& team,
                                     std::int64_t user_id) {
    bool removed = false;
    module.database().Transact([&](db::Connection& connection) {
        removed = DeleteTeamMember(connection, team.id, user_id);
        if (!removed) return;
        request.outcome = "ok";
        request.detail = boost::json::serialize(boost::json::object{{"user_id", user_id}});
        audit::Append(connection, request, core::NowMs());
    });
    if (!removed) {
        request.outcome = "not_found";
        return core::NotFoundAudited(module.database(), request);
    }
    return *FindTeam(*module.database().Acquire(), team.id);
}

TeamFile ReadTeamFile(const Module& module, audit::Entry request, const Team& team) {
    auto connection = module.database().Acquire();
    TeamFile file{
        .team = team, .shares = StandingShares(*connection, team.id), .meetings = MeetingsOfTeam(*connection, team.id)};
    Succeed(module, request);
    return file;
}

core::Outcome<Share> ShareCase(const Module& module, const policy::Principal& caller, audit::Entry request,
                               const Reached& reached, std::int64_t team_id, const std::string& consent_method) {
    // A team of another organization, or one she may not read, is answered as a missing one.
    std::optional<Team> team;
    if (team_id > 0) team = FindTeam(*module.database().Acquire(), team_id);
    if (!team || team->organization_id != reached.record.organization_id ||
        !module.policy.Permits(&caller, kTeamReadAction, ResourceOf(*team, caller.user_id))) {
        return RefuseAudited(module, request, "team_id", "not_found");
    }
    enum class Answer { kShared, kNoConsent, kAlready } answer = Answer::kShared;
    std::optional<Share> share;
    module.database().Transact([&](db::Connection& connection) {
        const std::int64_t now = core::NowMs();
        const std::int64_t woman = AccountOfCase(connection, reached.record.id);
        Share asked{.team_id = team->id, .case_id = reached.record.id, .shared_by = caller.user_id, .shared_at = now};
        // Shared already: nothing is written, her consent record included.
        if (FindShare(connection, team->id, reached.record.id)) {
            answer = Answer::kAlready;
            return;
        }
        if (woman != 0 && !consent_method.empty()) {
            // She has an account: what she said to the worker goes on her own consent record.
            consents::RecordConsent(connection, woman, kTeamSharingPurpose, true, consent_method, caller.user_id, now);
        } else if (woman == 0 && !consent_method.empty()) {
            asked.consent_method = consent_method;
            asked.consent_by = caller.user_id;
            asked.consent_at = now;
        } else if (woman == 0 || !consents::HasConsent(connection, woman, kTeamSharingPurpose)) {
            answer = Answer::kNoConsent;
            return;
        }
        if (!InsertShare(connection, asked)) {
            answer = Answer::kAlready;
            return;
        }
        AppendEvent(connection, module.keyring(), reached.record.id,
                    {.kind = "team_shared",
                     .by_user_id = caller.user_id,
                     .at = now,
                     .detail = {{"team_id", team->id}, {"team", team->name}}});
        request.outcome = "ok";
        request.detail = boost::json::serialize(boost::json::object{{"team_id", team->id}});
        audit::Append(connection, request, now);
        share = FindShare(connection, team->id, reached.record.id);
    });
    if (answer == Answer::kNoConsent) return RefuseAudited(module, request, "consent_method", "required");
    if (answer == Answer::kAlready) return core::Failure{core::Fault::kConflict, "cases.detail.already_shared"};
    return *share;
}

core::Outcome<bool> UnshareCase(const Module& module, const policy::Principal& caller, audit::Entry request,
                                const Reached& reached, std::int64_t team_id) {
    bool removed = false;
    module.database().Transact([&](db::Connection& connection) {
        removed = DeleteShare(connection, team_id, reached.record.id);
        if (!removed) return;
        const std::int64_t now = core::NowMs();
        AppendEvent(
            connection, module.keyring(), reached.record.id,
            {.kind = "team_unshared", .by_user_id = caller.user_id, .at = now, .detail = {{"team_id", team_id}}});
        request.outcome = "ok";
        request.detail = boost::json::serialize(boost::json::object{{"team_id", team_id}});
        audit::Append(connection, request, now);
    });
    if (!removed) {
        request.outcome = "not_found";
        return core::NotFoundAudited(module.database(), request);
    }
    return true;
}

core::Outcome<Meeting> CreateMeeting(const Module& module, const policy::Principal& caller, audit::Entry request,
                                     const Team& team, Meeting asked, const std::vector<std::int64_t>& case_ids) {
    const auto shares = StandingShares(*module.database().Acquire(), team.id);
    std::set<std::int64_t> seen;
    for (std::size_t i = 0; i < case_ids.size(); ++i) {
        const std::string field = "case_ids." + std::to_string(i);
        // A case not shared with the team is answered as a missing one, whatever else it is.
        if (ShareOf(shares, case_ids[i]) == nullptr) return RefuseAudited(module, request, field, "not_found");
        if (!seen.insert(case_ids[i]).second) return RefuseAudited(module, request, field, "duplicate");
    }
    asked.team_id = team.id;
    asked.created_by = caller.user_id;
    asked.created_at = core::NowMs();
    module.database().Transact([&](db::Connection& connection) {
        InsertMeeting(connection, asked, case_ids);
        for (std::int64_t case_id : case_ids) {
            AppendEvent(connection, module.keyring(), case_id,
                        {.kind = "team_meeting_planned",
                         .by_user_id = caller.user_id,
                         .at = asked.created_at,
                         .detail = {{"team", team.name}, {"meeting_id", asked.id}, {"starts_at", asked.starts_at}}});
        }
        request.resource_type = std::string(kMeetingType);
        request.resource_id = std::to_string(asked.id);
        request.outcome = "ok";
        request.detail = boost::json::serialize(boost::json::object{{"cases", case_ids.size()}});
        audit::Append(connection, request, asked.created_at);
    });
    return asked;
}

core::Outcome<Meeting> ReachMeeting(const Module& module, const policy::Principal& caller, audit::Entry& request,
                                    std::string_view action, std::int64_t meeting_id) {
    std::optional<Meeting> meeting;
    if (meeting_id > 0) meeting = FindMeeting(*module.database().Acquire(), module.keyring(), meeting_id);
    // A missing meeting is answered as a missing team, audited alike.
    auto team = ReachTeam(module, caller, request, action, meeting ? meeting->team_id : 0);
    if (!team) return std::move(team.failure());
    request.resource_type = std::string(kMeetingType);
    request.resource_id = std::to_string(meeting_id);
    return std::move(*meeting);
}

MeetingFile ReadMeetingFile(const Module& module, audit::Entry request, const Meeting& meeting) {
    MeetingFile file{.meeting = meeting};
    auto connection = module.database().Acquire();
    const auto shares = StandingShares(*connection, meeting.team_id);
    for (const auto& item : meeting.agenda) {
        const Share* share = ShareOf(shares, item.case_id);
        if (share == nullptr) continue;  // no longer shared with the team: out of its sight
        Plan plan = ReadPlan(*connection, module.keyring(), item.case_id);
        for (auto& goal : plan.goals) goal.actions.clear();
        file.agenda.push_back({.item = item,
                               .share = *share,
                               .decisions = DecisionsOf(*connection, module.keyring(), item.id),
                               .goals = std::move(plan.goals)});
    }
    Succeed(module, request, {{"items", file.agenda.size()}});
    return file;
}

core::Outcome<AgendaEntry> ReachAgendaItem(const Module& module, const MeetingFile& file, std::int64_t item_id,
                                           audit::Entry& request) {
    for (const auto& entry : file.agenda) {
        if (entry.item.id == item_id) return entry;
    }
    request.outcome = "not_found";
    return core::NotFoundAudited(module.database(), request);
}

AgendaItem WriteMinutes(const Module& module, const policy::Principal& caller, audit::Entry request,
                        const AgendaEntry& entry, const std::string& minutes) {
    AgendaItem item = entry.item;
    module.database().Transact([&](db::Connection& connection) {
        const std::int64_t now = core::NowMs();
        SetMinutes(connection, module.keyring(), item, minutes, caller.user_id, now);
        AppendEvent(connection, module.keyring(), item.case_id,
                    {.kind = "team_minutes",
                     .by_user_id = caller.user_id,
                     .at = now,
                     .detail = {{"meeting_id", item.meeting_id}}});
        request.outcome = "ok";
        request.detail = boost::json::serialize(boost::json::object{{"item_id", item.id}});
        audit::Append(connection, request, now);
        item.minutes = minutes;
        item.minutes_by = caller.user_id;
        item.minutes_at = now;
    });
    return item;
}

core::Outcome<Decision> Decide(const Module& module, const policy::Principal& caller, audit::Entry request,
                               const AgendaEntry& entry, std::int64_t goal_id, const PlanAction& action) {
    Reached reached;
    auto found = FindCase(*module.database().Acquire(), entry.item.case_id, &reached.team);
    if (!found) {
        request.outcome = "not_found";
        return core::NotFoundAudited(module.database(), request);
    }
    reached.record = std::move(*found);
    std::optional<Refusal> refused;
    Decision decision{.item_id = entry.item.id,
                      .case_id = entry.item.case_id,
                      .text = action.title,
                      .owner = std::string(OwnerName(action.owner)),
                      .owner_user_id = action.owner_user_id,
                      .owner_organization_id = action.owner_organization_id,
                      .due_on = action.due_on,
                      .decided_by = caller.user_id};
    module.database().Transact([&](db::Connection& connection) {
        auto added = AddDecidedAction(module, caller.user_id, connection, reached, goal_id, action,
                                      {{"meeting_id", entry.item.meeting_id}, {"team", entry.share.team_name}});
        if (const auto* refusal = std::get_if<Refusal>(&added)) {
            refused = *refusal;
            return;
        }
        decision.plan_action_id = std::get<std::int64_t>(added);
        decision.created_at = core::NowMs();
        decision.id = InsertDecision(connection, module.keyring(), decision);
        request.outcome = "ok";
        request.detail = boost::json::serialize(
            boost::json::object{{"item_id", entry.item.id}, {"plan_action_id", decision.plan_action_id}});
        audit::Append(connection, request, decision.created_at);
    });
    if (refused) return RefuseAudited(module, request, refused->field, refused->code);
    return decision;
}

boost::json::object TeamsExport(db::Connection& connection, const crypto::Keyring& keyring, std::int64_t case_id) {
    boost::json::array shared;
    for (const auto& share : SharesOfCase(connection, case_id)) {
        shared.push_back({{"team", share.team_name},
                          {"shared_at", share.shared_at},
                          {"consent_method", share.consent_method.empty() ? boost::json::value(nullptr)
                                                                          : boost::json::value(share.consent_method)}});
    }
    boost::json::array minutes;
    for (const auto& item : ItemsOfCase(connection, keyring, case_id)) {
        if (!item.minutes.empty()) minutes.push_back({{"text", item.minutes}, {"written_at", item.minutes_at}});
    }
    boost::json::array decisions;
    for (const auto& decision : DecisionsOf(connection, keyring, 0, case_id)) {
        decisions.push_back(
            {{"text", decision.text}, {"due_on", decision.due_on}, {"created_at", decision.created_at}});
    }
    return {{"shared_with", std::move(shared)}, {"minutes", std::move(minutes)}, {"decisions", std::move(decisions)}};
}

}  // namespace ponte::cases

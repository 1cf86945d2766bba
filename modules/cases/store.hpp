// The tables of women, cases, their teams, their history and their timeline. SQL is in store.cpp
// as named constants with bound parameters; every function runs on the caller's connection, so
// that the caller groups a change with its audit entry in one transaction.
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/crypto/keyring.hpp"
#include "core/db/database.hpp"
#include "core/page.hpp"
#include "core/policy/filter.hpp"
#include "core/policy/policy.hpp"
#include "modules/cases/model.hpp"

namespace ponte::cases {

// A new woman followed by `organization_id`, with a new pseudonymous code ("W-XXXX-XXXX"), or
// `code` when given (one from NewWomanCode that the caller knows to be unused: the demo seed, which
// makes so many that two random ones could meet); `user_id` 0 when she has no account yet.
// Returns her record's id.
std::int64_t CreateWoman(db::Connection& connection, std::int64_t organization_id, std::string_view chosen_name,
                         std::int64_t user_id, std::int64_t now_ms, std::string_view code = {});

// A random pseudonymous code ("W-XXXX-XXXX").
// Deleting a woman leaves her name's trigrams in the older segments of the SQLite search index
// (migration 0014) until they are merged; this merges them all, which drops them: about 0.2 s at
// 100,000 women, so once after an erasure or a retention run, not once a woman. Nothing on
// PostgreSQL, whose index holds no text of its own once a row is gone and vacuumed.
void DropDeletedFromSearch(db::Connection& connection);

std::string NewWomanCode();

// Opens a case of the woman in her organization, in state `state`, with `lead_user_id` as its lead
// worker (0: none yet, as for a referral not yet accepted), and starts its timeline ("opened", or
// "referred" for a case opened in state referred) by `by_user_id` (0: the lead). Returns its id.
std::int64_t OpenCase(db::Connection& connection, std::int64_t woman_id, State state, std::int64_t lead_user_id,
                      std::int64_t now_ms, std::int64_t by_user_id = 0);

// Adds a member to the case's team (a second lead is refused by the schema: db::UniqueViolation).
void AddToTeam(db::Connection& connection, std::int64_t case_id, std::int64_t user_id, TeamRole role,
               std::int64_t now_ms);

// Makes `user_id` the case's lead (the lead before her stays in the team as a member) or a member
// (she joins the team, or leaves the lead to nobody: see the precondition). Precondition: a member
// is not the lead now (TeamMember::role says so).
void SetTeamRole(db::Connection& connection, std::int64_t case_id, std::int64_t user_id, TeamRole role,
                 std::int64_t now_ms);

// Takes `user_id` out of the case's team; false when she was not in it.
bool RemoveFromTeam(db::Connection& connection, std::int64_t case_id, std::int64_t user_id);

struct TeamMember {
    std::int64_t user_id = 0;
    TeamRole role = TeamRole::kMember;
    std::string display_name;
};

struct Case {
    std::int64_t id = 0;
    std::int64_t woman_id = 0;
    std::int64_t organization_id = 0;
    std::string chosen_name;
    std::string code;
    State state = State::kReferred;
    std::string outcome;  // once closed
    std::int64_t version = 1;
    std::int64_t opened_at = 0;
    std::int64_t updated_at = 0;
    std::int64_t lead_user_id = 0;
    std::string lead_name;
    std::int64_t anonymized_at = 0;  // 0: not anonymized (retention.hpp)
    std::int64_t woman_user_id = 0;  // her account, once linked to her record; 0: none
};

// The case, or nullopt; `team` (when given) receives its members, the lead first.
std::optional<Case> FindCase(db::Connection& connection, std::int64_t case_id, std::vector<TeamMember>* team = nullptr);

// The case as the policy sees it: its organization and its team.
policy::Resource ResourceOf(const Case& record, const std::vector<TeamMember>& team);

// What a caseload holds beyond what the caller may read.
struct CaseloadQuery {
    std::optional<State> state;
    std::int64_t worker_user_id = 0;      // 0: any; else only cases with her in the team
    std::string search;                   // "": all; else a part of her chosen name or code, any case or accents
    std::string domain;                   // "": any; else only cases whose plan has a goal in this domain
    bool overdue_actions = false;         // only cases whose plan has an open action due before today
    std::int64_t appointment_before = 0;  // 0: any; else only cases with a booked appointment from now to then
    std::int64_t now_ms = 0;  // now: broken glass still in force, appointments to come, the day actions are due
};

// A row of the caseload: the case, its next booked appointment (0: none) and how many actions of
// its plan are overdue.
struct CaseloadRow {
    Case record;
    std::int64_t next_appointment_at = 0;
    std::int64_t overdue_actions = 0;
};

// The caseload of `organization_id`: the cases `filter` reaches (as those of cases.case.read) that
// match `query`, oldest first. One statement a page, whatever its length, and one more for a
// search of three characters or more (its statistics: search.hpp).
core::Page<CaseloadRow> SelectCaseload(db::Connection& connection, std::int64_t organization_id,
                                       const policy::Filter& filter, const CaseloadQuery& query,
                                       const core::PageRequest& page);

// Moves the case to `move.to` when it is still at `expected_version` and in `from`, and records
// the change (the reason sealed) in its history and its timeline ("moved"). Returns false,
// changing nothing, when it was changed meanwhile or is anonymized. Precondition: RefusedMove(from, move) is nullopt.
bool MoveCase(db::Connection& connection, const crypto::Keyring& keyring, std::int64_t case_id,
              std::int64_t expected_version, State from, const Move& move, std::int64_t by_user_id,
              std::int64_t now_ms);

struct Transition {
    State from = State::kReferred;
    State to = State::kReferred;
    std::string outcome;
    std::string reason;  // opened
    std::int64_t by_user_id = 0;
    std::int64_t at = 0;
};

// The case's changes of state, oldest first.
std::vector<Transition> TransitionsOf(db::Connection& connection, const crypto::Keyring& keyring, std::int64_t case_id);

// One entry of a case's timeline: what happened ("opened", "moved", "team_changed", ...), by whom,
// when, and its detail (sealed at rest).
struct Event {
    std::int64_t id = 0;
    std::string kind;
    std::int64_t by_user_id = 0;
    std::string by_name;  // read only
    std::int64_t at = 0;
    boost::json::object detail;
};

// Appends `event` to the case's timeline, its detail sealed (none stored when empty).
void AppendEvent(db::Connection& connection, const crypto::Keyring& keyring, std::int64_t case_id, const Event& event);

// A page of the case's timeline, oldest first. One statement a page.
core::Page<Event> SelectTimeline(db::Connection& connection, const crypto::Keyring& keyring, std::int64_t case_id,
                                 const core::PageRequest& page);

// A person who may be on the teams of the organization's cases: a live account that holds a role
// there that follows women (case worker, mentor, coordinator). Nullopt for anyone else, of the
// organization or not.
struct Worker {
    std::int64_t user_id = 0;
    std::string display_name;
    bool may_lead = false;  // a case worker or a coordinator; a mentor is a member only
};
std::optional<Worker> FindWorker(db::Connection& connection, std::int64_t organization_id, std::int64_t user_id);

// True when both organizations exist and share a network (or are the same one): an organization
// a case may be referred to, or that may take an action of her plan.
bool InOneNetwork(db::Connection& connection, std::int64_t from_organization_id, std::int64_t to_organization_id);

// The contexts its sealed values are bound to (crypto::FieldContext), bound to the case.
std::string ReasonContext(std::int64_t case_id);
std::string EventContext(std::int64_t case_id);

}  // namespace ponte::cases

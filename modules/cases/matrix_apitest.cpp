// The cases routes' rows of the authorization matrix (app/routes_apitest.cpp). A case is read by
// its team's case workers and mentors and by its organization's coordinators; it is moved, its
// team changed and it is assessed by its case workers and the coordinators. On a case of their
// organization that they are not assigned to, all but the coordinators are answered as for a
// missing case.
#include <string>

#include "core/accounts/store.hpp"
#include "core/feature.hpp"
#include "core/tenancy/store.hpp"
#include "core/testing/matrix.hpp"
#include "core/testing/server_process.hpp"
#include "modules/cases/appointments/store.hpp"
#include "modules/cases/deadlines/store.hpp"
#include "modules/cases/documents/store.hpp"
#include "modules/cases/her/store.hpp"
#include "modules/cases/plans/store.hpp"
#include "modules/cases/referrals/store.hpp"
#include "modules/cases/store.hpp"
#include "modules/cases/teams/store.hpp"

namespace ponte::cases {
namespace {

using testing::Reach;

// The case MakeCase made last: a path names its case before the case's own records
// ("/cases/{case_id}/documents/{document_id}"), whose factories put them on it.
std::int64_t last_case = 0;

// A case of the own organization with every actor on its team (the case worker leads), one of it
// led by a case worker who is none of the actors, or one of the foreign organization.
std::int64_t MakeCase(testing::Identities& world, db::Database& database, Reach reach) {
    static int made = 0;
    return last_case = database.Transact([&](db::Connection& connection) {
        const std::int64_t now = core::NowMs();
        const std::int64_t organization =
            reach == Reach::kForeign ? world.foreign_organization : world.own_organization;
        // The own organization's cases are all of one woman, whose record is linked to the
        // participant's account: her own view reaches them.
        std::int64_t woman = 0;
        if (reach == Reach::kOwn) {
            const std::int64_t her = world.actor(policy::Role::kParticipant).user_id;
            const auto linked = WomanOfAccount(connection, organization, her);
            woman = linked ? *linked : CreateWoman(connection, organization, "Matrix woman", her, now);
        } else {
            woman = CreateWoman(connection, organization, "Matrix woman", 0, now);
        }
        if (reach == Reach::kOwn) {
            const std::int64_t lead = world.actor(policy::Role::kCaseWorker).user_id;
            const std::int64_t id = OpenCase(connection, woman, State::kActive, lead, now);
            for (const auto& actor : world.actors()) {
                if (actor.user_id != 0 && actor.user_id != lead)
                    AddToTeam(connection, id, actor.user_id, TeamRole::kMember, now);
            }
            return id;
        }
        const std::string name = "matrix-lead-" + std::to_string(++made);
        const std::int64_t lead =
            accounts::CreateUser(connection, {.email = name + "@example.org", .display_name = name}, now);
        tenancy::AddMembership(connection, lead, {.role = policy::Role::kCaseWorker, .organization_id = organization},
                               0, now);
        return OpenCase(connection, woman, State::kActive, lead, now);
    });
}

// A referral that the own (or the foreign) organization recorded for itself, from a service that
// does not use Ponte: pending, with her case in state referred.
std::int64_t MakeReferral(testing::Identities& world, db::Database& database, Reach reach) {
    return database.Transact([&](db::Connection& connection) {
        const std::int64_t now = core::NowMs();
        const std::int64_t organization =
            reach == Reach::kForeign ? world.foreign_organization : world.own_organization;
        const std::int64_t woman = CreateWoman(connection, organization, "Matrix referral", 0, now);
        const std::int64_t case_id = OpenCase(connection, woman, State::kReferred, 0, now);
        return InsertReferral(connection, *testing::TestKeyring(), case_id, organization, 0,
                              {.to_organization_id = organization,
                               .chosen_name = "Matrix referral",
                               .reason = "a home",
                               .consent_method = "paper",
                               .consent_at = now,
                               .outside = OutsideReferrer{.name = "A social worker"}},
                              now);
    });
}

// A place open every day and night, in UTC, of the own or the foreign organization.
std::int64_t PlaceIn(db::Connection& connection, std::int64_t organization) {
    std::vector<OpeningRange> hours;
    for (int day = 1; day <= 7; ++day) hours.push_back({.weekday = day, .opens = 0, .closes = 24 * 60});
    return InsertPlace(connection,
                       {.organization_id = organization, .name = "Matrix place", .time_zone = "UTC", .hours = hours},
                       core::NowMs());
}

std::int64_t MakePlace(testing::Identities& world, db::Database& database, Reach reach) {
    return database.Transact([&](db::Connection& connection) {
        return PlaceIn(connection, reach == Reach::kForeign ? world.foreign_organization : world.own_organization);
    });
}

// A booked appointment of a case made as MakeCase makes it, tomorrow.
std::int64_t MakeAppointment(testing::Identities& world, db::Database& database, Reach reach) {
    const std::int64_t case_id = MakeCase(world, database, reach);
    return database.Transact([&](db::Connection& connection) {
        const auto record = FindCase(connection, case_id);
        const std::int64_t tomorrow = core::NowMs() + 86'400'000;
        return InsertAppointment(connection,
                                 {.case_id = case_id,
                                  .place_id = PlaceIn(connection, record->organization_id),
                                  .worker_user_id = record->lead_user_id,
                                  .starts_at = tomorrow,
                                  .ends_at = tomorrow + 1'800'000},
                                 core::NowMs());
    });
}

// An open deadline of a case made as MakeCase makes it.
std::int64_t MakeDeadline(testing::Identities& world, db::Database& database, Reach reach) {
    const std::int64_t case_id = MakeCase(world, database, reach);
    return database.Transact([&](db::Connection& connection) {
        return InsertDeadline(
            connection, *testing::TestKeyring(),
            {.case_id = case_id, .kind = "residence_permit", .title = "Permit", .due_on = "2030-01-01"}, core::NowMs());
    });
}

// An action, hers, of the plan of a case made as MakeCase makes it.
std::int64_t MakePlanAction(testing::Identities& world, db::Database& database, Reach reach) {
    const std::int64_t case_id = MakeCase(world, database, reach);
    return database.Transact([&](db::Connection& connection) {
        Plan plan{.agreed_on = "2030-01-01",
                  .goals = {{.domain = "work",
                             .statement = "A job",
                             .target = "A contract",
                             .actions = {{.title = "A CV", .due_on = "2030-02-01"}}}}};
        WritePlan(connection, *testing::TestKeyring(), Plan{.case_id = case_id}, plan, 0, core::NowMs());
        return plan.goals[0].actions[0].id;
    });
}

// A document of the case the path named just before (MakeCase), stored as an upload stores it.
std::int64_t MakeDocument(testing::Identities&, db::Database& database, Reach) {
    const auto& keyring = *testing::TestKeyring();
    const auto folder = DocumentsFolder(testing::TestFilesDirectory());
    Document document{.case_id = last_case,
                      .visibility = "her",
                      .name = "matrix.txt",
                      .media_type = "text/plain",
                      .size_bytes = 6,
                      .stored_as = StoreSealed(folder, keyring, last_case, "Matrix")};
    return database.Transact(
        [&](db::Connection& connection) { return InsertDocument(connection, keyring, document, core::NowMs()); });
}

// A multidisciplinary team of the own organization with every actor on it, one of it with none of
// them, or one of the foreign organization; the case made last is shared with it when it is of
// the team's organization (as "/cases/{case_id}/teams/{team_id}" names it).
std::int64_t last_team = 0;
std::int64_t MakeTeam(testing::Identities& world, db::Database& database, Reach reach) {
    return last_team = database.Transact([&](db::Connection& connection) {
        const std::int64_t now = core::NowMs();
        const std::int64_t organization =
            reach == Reach::kForeign ? world.foreign_organization : world.own_organization;
        const std::int64_t team = InsertTeam(connection, organization, "Matrix team", 0, now);
        if (reach == Reach::kOwn) {
            for (const auto& actor : world.actors()) {
                if (actor.user_id != 0)
                    InsertTeamMember(connection, team, {.user_id = actor.user_id, .organization_id = organization},
                                     now);
            }
        }
        if (const auto shared = FindCase(connection, last_case); shared && shared->organization_id == organization) {
            InsertShare(connection,
                        {.team_id = team, .case_id = last_case, .consent_method = "paper", .shared_at = now});
        }
        return team;
    });
}

// A worker of the team made last (of its organization), for the routes that name a member.
std::int64_t MakeMember(testing::Identities& world, db::Database& database, Reach reach) {
    static int made = 0;
    return database.Transact([&](db::Connection& connection) {
        const std::int64_t now = core::NowMs();
        const std::int64_t organization =
            reach == Reach::kForeign ? world.foreign_organization : world.own_organization;
        const std::string name = "matrix-member-" + std::to_string(++made);
        const std::int64_t user =
            accounts::CreateUser(connection, {.email = name + "@example.org", .display_name = name}, now);
        tenancy::AddMembership(connection, user, {.role = policy::Role::kCaseWorker, .organization_id = organization},
                               0, now);
        InsertTeamMember(connection, last_team, {.user_id = user, .organization_id = organization}, now);
        return user;
    });
}

// A meeting of a team made as MakeTeam makes it, its agenda a case of the team's organization.
std::int64_t last_meeting = 0;
std::int64_t MakeMeeting(testing::Identities& world, db::Database& database, Reach reach) {
    MakeCase(world, database, reach);
    const std::int64_t team = MakeTeam(world, database, reach);
    return last_meeting = database.Transact([&](db::Connection& connection) {
        Meeting meeting{.team_id = team, .starts_at = core::NowMs(), .place = "Town hall", .created_at = core::NowMs()};
        InsertMeeting(connection, meeting, {last_case});
        return meeting.id;
    });
}

// The agenda item of the meeting the path named just before (MakeMeeting).
std::int64_t MakeAgendaItem(testing::Identities&, db::Database& database, Reach) {
    const auto meeting = FindMeeting(*database.Acquire(), *testing::TestKeyring(), last_meeting);
    return meeting->agenda.front().id;
}

// A goal of the plan of a case made as MakeCase makes it.
std::int64_t MakeGoal(testing::Identities& world, db::Database& database, Reach reach) {
    MakePlanAction(world, database, reach);
    return ReadPlan(*database.Acquire(), *testing::TestKeyring(), last_case).goals.front().id;
}

constexpr const char* kNobody = "DDDDDDDDDD";
// The team reads (mentor, case worker) and the coordinator; on a case she is not assigned to, the
// coordinator alone.
constexpr const char* kReaders = "DDDAADADDD";
constexpr const char* kWriters = "DDDDADADDD";
constexpr const char* kCoordinatorOnly = "DDDDDDADDD";
// Those who follow women and the organization's administrators.
constexpr const char* kPlaceReaders = "DDDAADAADD";
// The woman herself, on her own case (linked to her account).
constexpr const char* kHer = "DADDDDDDDD";
// The staff roles a team takes its members from: those who follow women.
constexpr const char* kTeamMembers = "DDDAAAADDD";

const bool kRows = testing::DeclareMatrixRows(
    {.rows =
         {
             {"listCases", {kReaders, kNobody}},
             {"openCase", {kWriters, kNobody, R"({"chosen_name":"Amina","lead_user_id":{user_id}})"}},
             {"getCase", {.own = kReaders, .foreign = kNobody, .unassigned = kCoordinatorOnly}},
             {"getCaseTimeline", {.own = kReaders, .foreign = kNobody, .unassigned = kCoordinatorOnly}},
             {"moveCase", {.own = kWriters, .foreign = kNobody, .unassigned = kCoordinatorOnly}},
             {"putOnCaseTeam",
              {.own = kWriters,
               .foreign = kNobody,
               .body_ids = R"({"user_id":{user_id},"role":"member"})",
               .unassigned = kCoordinatorOnly}},
             {"takeOffCaseTeam", {.own = kWriters, .foreign = kNobody, .unassigned = kCoordinatorOnly}},
             {"getCaseProfile", {.own = kReaders, .foreign = kNobody, .unassigned = kCoordinatorOnly}},
             {"putCaseProfile", {.own = kWriters, .foreign = kNobody, .unassigned = kCoordinatorOnly}},
             {"getSafeContact", {.own = kReaders, .foreign = kNobody, .unassigned = kCoordinatorOnly}},
             {"putSafeContact", {.own = kWriters, .foreign = kNobody, .unassigned = kCoordinatorOnly}},
             // Only the workers of her team, a coordinator too only when she is on it.
             {"getSensitiveAttributes", {.own = kWriters, .foreign = kNobody, .unassigned = kNobody}},
             {"putSensitiveAttributes", {.own = kWriters, .foreign = kNobody, .unassigned = kNobody}},
             // A case worker of the organization breaks the glass of a case she is not on the team
             // of; on her own team's cases she is answered 409 (she reads them already).
             {"breakCaseGlass", {.own = "DDDDADDDDD", .foreign = kNobody, .unassigned = "DDDDADDDDD"}},
             {"addDeadline", {.own = kWriters, .foreign = kNobody, .unassigned = kCoordinatorOnly}},
             {"listCaseDeadlines", {.own = kReaders, .foreign = kNobody, .unassigned = kCoordinatorOnly}},
             {"completeDeadline", {.own = kWriters, .foreign = kNobody, .unassigned = kCoordinatorOnly}},
             {"listOpenDeadlines", {kReaders, kNobody}},
             {"getCasePlan", {.own = kReaders, .foreign = kNobody, .unassigned = kCoordinatorOnly}},
             {"putCasePlan", {.own = kWriters, .foreign = kNobody, .unassigned = kCoordinatorOnly}},
             {"listPlanVersions", {.own = kReaders, .foreign = kNobody, .unassigned = kCoordinatorOnly}},
             {"getCasePlanPdf", {.own = kReaders, .foreign = kNobody, .unassigned = kCoordinatorOnly}},
             {"setPlanActionState", {.own = kWriters, .foreign = kNobody, .unassigned = kCoordinatorOnly}},
             {"addCaseNote", {.own = kWriters, .foreign = kNobody, .unassigned = kCoordinatorOnly}},
             {"listCaseNotes", {.own = kReaders, .foreign = kNobody, .unassigned = kCoordinatorOnly}},
             {"uploadCaseDocument", {.own = kWriters, .foreign = kNobody, .unassigned = kCoordinatorOnly}},
             {"listCaseDocuments", {.own = kReaders, .foreign = kNobody, .unassigned = kCoordinatorOnly}},
             {"downloadCaseDocument", {.own = kReaders, .foreign = kNobody, .unassigned = kCoordinatorOnly}},
             // The listening space: its places are managed by coordinators and administrators, its
             // interpreters by coordinators, and read by those who follow women.
             {"createPlace", {"DDDDDDAADD", kNobody}},
             {"listPlaces", {kPlaceReaders, kNobody}},
             {"listFreeSlots", {kPlaceReaders, kNobody}},
             {"createInterpreter", {kCoordinatorOnly, kNobody}},
             {"listInterpreters", {kPlaceReaders, kNobody}},
             {"bookAppointment",
              {.own = kWriters,
               .foreign = kNobody,
               .body_ids = R"({"place_id":{place_id},"worker_user_id":{user_id},"visit":"follow_up",
                   "starts_at":4102448400000,"ends_at":4102450200000})",
               .unassigned = kCoordinatorOnly}},
             {"listCaseAppointments", {.own = kReaders, .foreign = kNobody, .unassigned = kCoordinatorOnly}},
             {"recordAppointmentOutcome", {.own = kWriters, .foreign = kNobody, .unassigned = kCoordinatorOnly}},
             // Referrals have no team: the organization's case workers and coordinators.
             {"sendReferral",
              {kWriters, kNobody,
               R"({"to_organization_id":{organization_id},"chosen_name":"Hawa","reason":"a home","urgency":"soon",
                   "consent_given":true,"consent_method":"paper","consent_at":0,"referrer_name":"A social worker"})"}},
             {"listReferrals", {kWriters, kNobody}},
             {"getReferral", {kWriters, kNobody}},
             {"answerReferral", {kWriters, kNobody, R"({"decision":"accept","lead_user_id":{user_id}})"}},
             {"listCaseAssessments", {.own = kReaders, .foreign = kNobody, .unassigned = kCoordinatorOnly}},
             {"recordCaseAssessment", {.own = kWriters, .foreign = kNobody, .unassigned = kCoordinatorOnly}},
             // Her own calendar feed only: the matrix's {user_id} is always someone else, so everyone
             // is answered as for a missing account (her own feed: appointments/feed_apitest.cpp).
             {"issueCalendarFeed", {kNobody, kNobody}},
             {"revokeCalendarFeed", {kNobody, kNobody}},
             {"getCalendarFeed", {kNobody, kNobody}},
             // Public: the secret address is the credential; a placeholder token answers 404.
             {"getCalendarFeedEvents", {std::string(testing::kEveryone), ""}},
             // Multidisciplinary teams: made and staffed by the organization's coordinators, read
             // and met in by their members (mentors, case workers, trainers, coordinators).
             {"createTeam", {kCoordinatorOnly, kNobody}},
             {"listTeams", {kTeamMembers, ""}},
             {"getTeam", {.own = kTeamMembers, .foreign = kNobody, .unassigned = kCoordinatorOnly}},
             {"addTeamMember", {.own = kCoordinatorOnly, .foreign = kNobody, .unassigned = kCoordinatorOnly}},
             {"removeTeamMember", {.own = kCoordinatorOnly, .foreign = kNobody, .unassigned = kCoordinatorOnly}},
             {"shareCaseWithTeam",
              {.own = kWriters,
               .foreign = kNobody,
               .body_ids = R"({"team_id":{team_id},"consent_method":"paper"})",
               .unassigned = kCoordinatorOnly}},
             {"listCaseTeams", {.own = kReaders, .foreign = kNobody, .unassigned = kCoordinatorOnly}},
             {"unshareCaseWithTeam", {.own = kWriters, .foreign = kNobody, .unassigned = kCoordinatorOnly}},
             {"planTeamMeeting", {.own = kTeamMembers, .foreign = kNobody, .unassigned = kCoordinatorOnly}},
             {"getTeamMeeting", {.own = kTeamMembers, .foreign = kNobody, .unassigned = kCoordinatorOnly}},
             {"writeTeamMinutes", {.own = kTeamMembers, .foreign = kNobody, .unassigned = kCoordinatorOnly}},
             {"decideInTeamMeeting",
              {.own = kTeamMembers,
               .foreign = kNobody,
               .body_ids = R"({"goal_id":{goal_id},"title":"A visit","owner":"worker","owner_user_id":{user_id},
                   "due_on":"2030-03-01"})",
               .unassigned = kCoordinatorOnly}},
             // Her own view: the woman whose account is linked to the record, nobody else.
             {"listMyCases", {kHer, ""}},
             {"markMyActionDone", {.own = kHer, .foreign = kNobody, .unassigned = kNobody}},
             {"askForHelpWithMyAction", {.own = kHer, .foreign = kNobody, .unassigned = kNobody}},
             {"getMyAppointmentCalendar", {.own = kHer, .foreign = kNobody, .unassigned = kNobody}},
             {"downloadMyDocument", {.own = kHer, .foreign = kNobody, .unassigned = kNobody}},
             {"linkCaseAccount",
              {.own = kWriters,
               .foreign = kNobody,
               .body_ids = R"({"user_id":{user_id}})",
               .unassigned = kCoordinatorOnly}},
             {"unlinkCaseAccount", {.own = kWriters, .foreign = kNobody, .unassigned = kCoordinatorOnly}},
         },
     .records = {{"case_id", &MakeCase},
                 {"referral_id", &MakeReferral},
                 {"place_id", &MakePlace},
                 {"appointment_id", &MakeAppointment},
                 {"deadline_id", &MakeDeadline},
                 {"action_id", &MakePlanAction},
                 {"document_id", &MakeDocument},
                 {"team_id", &MakeTeam},
                 {"member_id", &MakeMember},
                 {"meeting_id", &MakeMeeting},
                 {"item_id", &MakeAgendaItem},
                 {"goal_id", &MakeGoal}},
     .with_team = {"case_id", "appointment_id", "deadline_id", "action_id", "document_id", "team_id", "meeting_id"}});

}  // namespace
}  // namespace ponte::cases

#include "modules/cases/seed.hpp"

#include <algorithm>
#include <boost/json.hpp>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

#include "core/i18n/local_time.hpp"
#include "modules/cases/appointments/store.hpp"
#include "modules/cases/assessments/store.hpp"
#include "modules/cases/deadlines/store.hpp"
#include "modules/cases/her/store.hpp"
#include "modules/cases/plans/store.hpp"
#include "modules/cases/profile/store.hpp"
#include "modules/cases/referrals/store.hpp"
#include "modules/cases/search.hpp"
#include "modules/cases/store.hpp"
#include "modules/cases/teams/store.hpp"

namespace ponte::cases {
namespace {

// Three assessments over the last year of a case, her progress showing in most domains.
void SeedAssessments(db::Connection& connection, const core::DemoWorld& world, std::int64_t case_id,
                     std::int64_t by_user_id) {
    constexpr std::int64_t kMonth = 30LL * 24 * 60 * 60 * 1000;
    const std::vector<std::pair<std::int64_t, std::vector<Score>>> assessments = {
        {world.now_ms - 11 * kMonth,
         {{"language", 1, "Speaks a few words"},
          {"documents", 2, ""},
          {"housing", 1, "Sleeps at a friend's"},
          {"work", 1, ""},
          {"social", 1, ""}}},
        {world.now_ms - 6 * kMonth,
         {{"language", 2, "Goes to the language course"},
          {"documents", 3, ""},
          {"housing", 2, ""},
          {"health", 3, ""},
          {"work", 2, "Training as a cook"},
          {"digital", 2, ""},
          {"social", 2, ""}}},
        {world.now_ms - kMonth,
         {{"language", 3, ""},
          {"documents", 4, "Residence permit renewed"},
          {"housing", 3, ""},
          {"work", 4, "A six-month contract"},
          {"money", 3, ""},
          {"digital", 3, ""},
          {"social", 4, ""}}},
    };
    for (const auto& [at, scores] : assessments) {
        InsertAssessment(connection, *world.keyring, case_id, by_user_id, at, world.now_ms, scores);
    }
}

// Her personalized project, agreed four months ago with three goals, one action done, one of
// them past its day, and kept as its first version.
void SeedPlan(db::Connection& connection, const core::DemoWorld& world, std::int64_t case_id, std::int64_t by_user_id) {
    auto day = [&](int days) { return i18n::IsoDateUtc(world.now_ms + std::int64_t{days} * 86'400'000); };
    Plan plan{
        .agreed_on = day(-120),
        .reviews = {day(-30), day(60)},
        .goals = {{.domain = "language",
                   .statement = "Speak Italian at work and with the children's teachers",
                   .target = "A2 certificate",
                   .target_score = 4,
                   .actions = {{.title = "Evening course at the CPIA", .due_on = day(-90), .state = ActionState::kDone},
                               {.title = "Sit the A2 exam", .due_on = day(45)}}},
                  {.domain = "work",
                   .statement = "A job as a cook",
                   .target = "A contract of six months or more",
                   .actions = {{.title = "Write a CV with her mentor", .due_on = day(-5)},
                               {.title = "Food safety course (HACCP)",
                                .owner = Owner::kWorker,
                                .owner_user_id = by_user_id,
                                .due_on = day(30)}}},
                  {.domain = "education",
                   .statement = "Both children at school",
                   .target = "Enrolled for September",
                   .actions = {{.title = "Book the school office",
                                .owner = Owner::kWorker,
                                .owner_user_id = by_user_id,
                                .due_on = day(14)}}}}};
    WritePlan(connection, *world.keyring, Plan{.case_id = case_id}, plan, by_user_id, world.now_ms);
    InsertPlanVersion(connection, *world.keyring, case_id, 2, ToJson(ReadPlan(connection, *world.keyring, case_id)),
                      boost::json::array{}, by_user_id, world.now_ms);
}

struct ListeningSpace {
    std::int64_t place = 0;
    std::int64_t interpreter = 0;
};

// The listening space of the organization: a place open on weekdays, an interpreter, and an
// appointment of the first active case on the next weekday at ten, with the interpreter.
ListeningSpace SeedListeningSpace(db::Connection& connection, const core::DemoWorld& world, std::int64_t organization,
                                  std::int64_t case_id, std::int64_t worker_user_id) {
    constexpr std::string_view kZone = "Europe/Rome";
    std::vector<OpeningRange> hours;
    for (int day = 1; day <= 5; ++day) {
        hours.push_back({.weekday = day, .opens = 9 * 60, .closes = 13 * 60});
        hours.push_back({.weekday = day, .opens = 14 * 60, .closes = 18 * 60});
    }
    const std::int64_t place = InsertPlace(connection,
                                           {.organization_id = organization,
                                            .name = "Women's listening space (demo)",
                                            .address = "Via del Giglio 1, Empoli (demo)",
                                            .time_zone = std::string(kZone),
                                            .hours = hours},
                                           world.now_ms);
    const std::int64_t interpreter = InsertInterpreter(connection,
                                                       {.organization_id = organization,
                                                        .name = "Samira, cultural mediator (demo)",
                                                        .languages = {"ar", "fr"},
                                                        .contact = "+39 0571 000001"},
                                                       world.now_ms);
    if (case_id == 0) return {place, interpreter};
    auto next = i18n::ToLocal(world.now_ms + 24LL * 3'600'000, kZone);
    std::int64_t day_noon = i18n::FromLocal(next.year, next.month, next.day, 12 * 60, kZone);
    while (i18n::ToLocal(day_noon, kZone).weekday > 5) day_noon += 24LL * 3'600'000;
    const auto day = i18n::ToLocal(day_noon, kZone);
    const std::int64_t ten = i18n::FromLocal(day.year, day.month, day.day, 10 * 60, kZone);
    InsertAppointment(connection,
                      {.case_id = case_id,
                       .place_id = place,
                       .worker_user_id = worker_user_id,
                       .interpreter_id = interpreter,
                       .interpreter_language = "ar",
                       .visit = Visit::kFollowUp,
                       .starts_at = ten,
                       .ends_at = ten + 3'600'000,
                       .booked_by = worker_user_id},
                      world.now_ms);
    return {place, interpreter};
}

constexpr State kStates[] = {State::kReferred,  State::kIntake, State::kActive, State::kActive,
                             State::kSuspended, State::kActive, State::kClosed, State::kActive};
// Clearly fictional names from the countries the programmes' women come from.
constexpr const char* kNames[] = {"Amina (demo)", "Fatou (demo)",  "Leila (demo)", "Oksana (demo)",
                                  "Rosa (demo)",  "Mariam (demo)", "Nadia (demo)", "Samira (demo)"};

std::string NameOf(std::int64_t i) {
    std::string name = kNames[i % 8];
    if (i >= 8) name += " " + std::to_string(i / 8 + 1);
    return name;
}

// A referral by phone from the family health centre, waiting for an answer.
std::int64_t SeedReferral(db::Connection& connection, const core::DemoWorld& world, std::int64_t organization,
                          std::int64_t woman, const std::string& name, std::int64_t worker) {
    const std::int64_t id = OpenCase(connection, woman, State::kReferred, 0, world.now_ms, worker);
    InsertReferral(connection, *world.keyring, id, organization, worker,
                   {.to_organization_id = organization,
                    .chosen_name = name,
                    .reason = "Looking for work and an Italian course; two children at primary school (demo)",
                    .urgency = Urgency::kSoon,
                    .consent_method = "verbal",
                    .consent_at = world.now_ms - 86'400'000,
                    .outside = OutsideReferrer{.name = "Giulia Bianchi (demo)",
                                               .organization = "Family health centre (demo)",
                                               .contact = "+39 0571 000000"}},
                   world.now_ms);
    return id;
}

// A case of the caseload beyond the first eight, with the history of one that reached `state`:
// opened at intake months ago by the case worker, with the coordinator on the team, moved on from
// there (each move in its history and timeline), her profile written, and when active an
// assessment and an appointment last week. A few statements and seals a case: 100,000 take seconds
// on SQLite (statements are prepared once per connection, and the seed is one transaction).
std::int64_t SeedFollowedCase(db::Connection& connection, const core::DemoWorld& world, std::int64_t woman, State state,
                              std::int64_t i, std::int64_t worker, std::int64_t coordinator,
                              const ListeningSpace& space) {
    constexpr std::int64_t kDay = 24LL * 3'600'000;
    const crypto::Keyring& keyring = *world.keyring;
    std::int64_t at = world.now_ms - (30 + i % 300) * kDay;
    const std::int64_t id = OpenCase(connection, woman, State::kIntake, worker, at);
    if (coordinator != 0) AddToTeam(connection, id, coordinator, TeamRole::kMember, at);
    WritePart(connection, keyring, woman, Part::kProfile, 1,
              {{"languages", boost::json::array{{{"language", "ar"}, {"level", "native"}},
                                                {{"language", "it"}, {"level", "basic"}}}},
               {"children", boost::json::array{{{"age", 4 + i % 10}, {"school", "primary"}}}}},
              at);
    std::vector<Move> moves;
    if (state != State::kIntake) moves.push_back({.to = State::kActive});
    if (state == State::kSuspended) moves.push_back({.to = State::kSuspended, .reason = "Away for the summer (demo)"});
    if (state == State::kClosed) {
        moves.push_back({.to = State::kClosed, .outcome = "autonomy_reached", .reason = "Works and rents (demo)"});
    }
    std::int64_t version = 1;
    State from = State::kIntake;
    for (const Move& move : moves) {
        at += 7 * kDay;
        MoveCase(connection, keyring, id, version++, from, move, worker, at);
        from = move.to;
    }
    if (state != State::kActive) return id;
    InsertAssessment(connection, keyring, id, worker, at + kDay, at + kDay,
                     {{"language", 2, "Goes to the language course"}, {"housing", 3, ""}, {"work", 2, ""}});
    const std::int64_t starts = world.now_ms - 7 * kDay + (i % 40) * 900'000;
    InsertAppointment(connection,
                      {.case_id = id,
                       .place_id = space.place,
                       .worker_user_id = worker,
                       .visit = Visit::kFollowUp,
                       .starts_at = starts,
                       .ends_at = starts + 1'800'000,
                       .booked_by = worker},
                      at);
    return id;
}

// The multidisciplinary team of the organization: its coordinator, the case worker and the
// mentor; the active cases shared with it (each woman consented on paper), and its next meeting
// with minutes already written for the first.
void SeedTeam(db::Connection& connection, const core::DemoWorld& world, std::int64_t organization,
              const std::vector<std::int64_t>& shared, std::int64_t coordinator) {
    if (coordinator == 0 || shared.empty()) return;
    const std::int64_t at = world.now_ms;
    const std::int64_t team = InsertTeam(connection, organization, "Équipe REI (demo)", coordinator, at);
    for (const char* role : {"coordinator", "case_worker", "mentor"}) {
        if (const auto person = world.people.find(role); person != world.people.end())
            InsertTeamMember(connection, team, {.user_id = person->second, .organization_id = organization}, at);
    }
    for (std::int64_t case_id : shared) {
        InsertShare(connection, {.team_id = team,
                                 .case_id = case_id,
                                 .consent_method = "paper",
                                 .consent_by = coordinator,
                                 .consent_at = at,
                                 .shared_by = coordinator,
                                 .shared_at = at});
    }
    Meeting meeting{.team_id = team,
                    .starts_at = at + 7 * 86'400'000LL,
                    .place = "Social services, room 2 (demo)",
                    .created_by = coordinator,
                    .created_at = at};
    InsertMeeting(connection, meeting, shared);
    SetMinutes(connection, *world.keyring, meeting.agenda.front(),
               "Housing: the team supports her application for social housing (demo).", coordinator, at);
}

// Deadlines of the active cases: the first one's residence permit to renew in forty days, with
// the documents it needs, and the second one's benefit renewal, a week past its day.
void SeedDeadlines(db::Connection& connection, const core::DemoWorld& world, const std::vector<std::int64_t>& active,
                   std::int64_t by_user_id) {
    auto day = [&](int days) { return i18n::IsoDateUtc(world.now_ms + std::int64_t{days} * 86'400'000); };
    if (!active.empty()) {
        InsertDeadline(connection, *world.keyring,
                       {.case_id = active[0],
                        .kind = "residence_permit",
                        .title = "Renewal at the Questura (demo)",
                        .due_on = day(40),
                        .documents = {"Passport", "Four photos", "Work contract"},
                        .created_by = by_user_id},
                       world.now_ms);
    }
    if (active.size() > 1) {
        InsertDeadline(connection, *world.keyring,
                       {.case_id = active[1],
                        .kind = "benefit_renewal",
                        .title = "Income support (demo)",
                        .due_on = day(-7),
                        .documents = {"ISEE statement"},
                        .created_by = by_user_id},
                       world.now_ms);
    }
}

}  // namespace

void SeedDemo(db::Connection& connection, core::DemoWorld& world) {
    const auto worker = world.people.find("case_worker");
    if (worker == world.people.end() || world.organization_ids.empty()) return;
    const std::int64_t organization = world.organization_ids.front();
    auto& ids = world.records["cases.case"];
    const std::int64_t count = world.cases > 0 ? world.cases : 8LL * world.scale;
    // Codes drawn at random meet now and then among a hundred thousand: drawn again.
    std::unordered_set<std::string> codes;
    auto woman_of = [&](std::int64_t i) {
        std::string code = NewWomanCode();
        while (!codes.insert(code).second) code = NewWomanCode();
        return CreateWoman(connection, organization, NameOf(i), 0, world.now_ms, code);
    };
    // The demo of `make run`: eight women in every state, led by the case worker.
    std::int64_t first_active = 0;
    for (std::int64_t i = 0; i < std::min<std::int64_t>(count, 8); ++i) {
        const std::int64_t woman = woman_of(i);
        if (kStates[i] == State::kReferred && world.keyring != nullptr) {
            ids.push_back(SeedReferral(connection, world, organization, woman, NameOf(i), worker->second));
            continue;
        }
        ids.push_back(OpenCase(connection, woman, kStates[i], worker->second, world.now_ms));
        if (kStates[i] == State::kActive && first_active == 0) first_active = ids.back();
        if (kStates[i] == State::kActive && world.keyring != nullptr) {
            SeedAssessments(connection, world, ids.back(), worker->second);
            // The first has her plan; the others' are to be agreed.
            if (ids.back() == first_active) SeedPlan(connection, world, ids.back(), worker->second);
        }
    }
    // The demo participant signs in to her own view of the first active case.
    if (const auto her = world.people.find("participant"); her != world.people.end() && first_active != 0) {
        LinkAccount(connection, FindCase(connection, first_active)->woman_id, her->second, world.now_ms);
    }
    const ListeningSpace space = SeedListeningSpace(connection, world, organization, first_active, worker->second);
    if (world.keyring != nullptr) {
        const auto coordinator = world.people.find("coordinator");
        const std::int64_t coordinator_id = coordinator == world.people.end() ? 0 : coordinator->second;
        std::vector<std::int64_t> active;
        for (std::size_t i = 0; i < ids.size() && i < 8; ++i) {
            if (kStates[i] == State::kActive) active.push_back(ids[i]);
        }
        SeedTeam(connection, world, organization, active, coordinator_id);
        SeedDeadlines(connection, world, active, worker->second);
        for (std::int64_t i = 8; i < count; ++i) {
            const std::int64_t woman = woman_of(i);
            if (kStates[i % 8] == State::kReferred) {
                ids.push_back(SeedReferral(connection, world, organization, woman, NameOf(i), worker->second));
            } else {
                ids.push_back(SeedFollowedCase(connection, world, woman, kStates[i % 8], i, worker->second,
                                               coordinator_id, space));
            }
        }
    }
    // Which trigrams of their names are common, for the caseload's search (search.hpp), as its job
    // would count them within hours.
    CountSearchStatistics(connection, world.now_ms);
}

}  // namespace ponte::cases

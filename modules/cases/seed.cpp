#include "modules/cases/seed.hpp"

#include <boost/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "core/i18n/local_time.hpp"
#include "modules/cases/appointments/store.hpp"
#include "modules/cases/assessments/store.hpp"
#include "modules/cases/plans/store.hpp"
#include "modules/cases/referrals/store.hpp"
#include "modules/cases/store.hpp"

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

// The listening space of the organization: a place open on weekdays, an interpreter, and an
// appointment of the first active case on the next weekday at ten, with the interpreter.
void SeedListeningSpace(db::Connection& connection, const core::DemoWorld& world, std::int64_t organization,
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
    if (case_id == 0) return;
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
}

}  // namespace

void SeedDemo(db::Connection& connection, core::DemoWorld& world) {
    const auto worker = world.people.find("case_worker");
    if (worker == world.people.end() || world.organization_ids.empty()) return;
    const std::int64_t organization = world.organization_ids.front();
    // Clearly fictional names from the countries the programmes' women come from.
    constexpr const char* kNames[] = {"Amina (demo)", "Fatou (demo)",  "Leila (demo)", "Oksana (demo)",
                                      "Rosa (demo)",  "Mariam (demo)", "Nadia (demo)", "Samira (demo)"};
    constexpr State kStates[] = {State::kReferred,  State::kIntake, State::kActive, State::kActive,
                                 State::kSuspended, State::kActive, State::kClosed, State::kActive};
    auto& ids = world.records["cases.case"];
    const int count = 8 * world.scale;
    std::int64_t first_active = 0;
    for (int i = 0; i < count; ++i) {
        std::string name = kNames[i % 8];
        if (i >= 8) name += " " + std::to_string(i / 8 + 1);
        const std::int64_t woman = CreateWoman(connection, organization, name, 0, world.now_ms);
        if (kStates[i % 8] != State::kReferred || world.keyring == nullptr) {
            ids.push_back(OpenCase(connection, woman, kStates[i % 8], worker->second, world.now_ms));
            if (kStates[i % 8] == State::kActive && first_active == 0) first_active = ids.back();
            if (kStates[i % 8] == State::kActive && world.keyring != nullptr) {
                SeedAssessments(connection, world, ids.back(), worker->second);
                SeedPlan(connection, world, ids.back(), worker->second);
            }
            continue;
        }
        // A referral by phone from the family health centre, waiting for an answer.
        const std::int64_t id = OpenCase(connection, woman, State::kReferred, 0, world.now_ms, worker->second);
        InsertReferral(connection, *world.keyring, id, organization, worker->second,
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
        ids.push_back(id);
    }
    SeedListeningSpace(connection, world, organization, first_active, worker->second);
}

}  // namespace ponte::cases

// The listening space over HTTP: a coordinator opens a place with its hours and lists an
// interpreter; a worker finds her free slots, books an appointment with the interpreter for the
// language she needs, records a walk-in, a no-show and a cancellation; an occupied slot, a time
// outside the hours and ids of another organization are refused, naming the field or the rule.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/accounts/store.hpp"
#include "core/feature.hpp"
#include "core/i18n/local_time.hpp"
#include "core/tenancy/store.hpp"
#include "core/testing/world_test.hpp"

namespace ponte::cases {
namespace {

using policy::Role;

constexpr std::int64_t kHour = 3'600'000;

class AppointmentsTest : public testing::WorldTest {
  protected:
    void SetUp() override {
        WorldTest::SetUp();
        const std::string organization = "/api/v1/organizations/" + std::to_string(world_->own_organization);
        // Open on weekdays, 09:00 to 13:00 and 14:00 to 18:00, in Rome.
        boost::json::array hours;
        for (int day = 1; day <= 5; ++day) {
            hours.push_back({{"weekday", day}, {"opens", "09:00"}, {"closes", "13:00"}});
            hours.push_back({{"weekday", day}, {"opens", "14:00"}, {"closes", "18:00"}});
        }
        auto place = As(Role::kCoordinator, "POST", organization + "/places",
                        boost::json::serialize(boost::json::object{{"name", "Sportello donne"},
                                                                   {"address", "Via Roma 1, Empoli"},
                                                                   {"time_zone", "Europe/Rome"},
                                                                   {"hours", hours}}));
        ASSERT_EQ(place.status, 201) << place.body;
        place_ = place.Json().at("id").as_int64();
        auto interpreter = As(Role::kCoordinator, "POST", organization + "/interpreters",
                              R"({"name":"Samira","languages":["ar","fr"],"contact":"+39 333 111"})");
        ASSERT_EQ(interpreter.status, 201) << interpreter.body;
        interpreter_ = interpreter.Json().at("id").as_int64();
        auto opened = As(Role::kCaseWorker, "POST", organization + "/cases", R"({"chosen_name":"Hawa"})");
        ASSERT_EQ(opened.status, 201);
        case_path_ = "/api/v1/cases/" + std::to_string(opened.Json().at("id").as_int64());
        // Next Monday, in Rome.
        const auto today = i18n::ToLocal(core::NowMs(), "Europe/Rome");
        const std::int64_t noon = i18n::FromLocal(today.year, today.month, today.day, 12 * 60, "Europe/Rome");
        const std::int64_t monday_noon = noon + std::int64_t{8 - today.weekday} * 24 * kHour;
        monday_ = i18n::ToLocal(monday_noon, "Europe/Rome");
    }
    // The instant of `minute` next Monday in Rome.
    std::int64_t Monday(int minute) const {
        return i18n::FromLocal(monday_.year, monday_.month, monday_.day, minute, "Europe/Rome");
    }
    std::string Booking(int minute, int length, std::string_view extra = "") const {
        return R"({"place_id":)" + std::to_string(place_) + R"(,"visit":"follow_up","starts_at":)" +
               std::to_string(Monday(minute)) + R"(,"ends_at":)" + std::to_string(Monday(minute + length)) +
               std::string(extra) + "}";
    }
    testing::HttpResult Book(std::string_view body, Role role = Role::kCaseWorker) {
        return As(role, "POST", case_path_ + "/appointments", body);
    }
    testing::HttpResult Outcome(std::int64_t appointment, std::string_view etag, std::string_view body) {
        auto headers = world_->SignIn(world_->actor(Role::kCaseWorker));
        if (!etag.empty()) headers["If-Match"] = std::string(etag);
        return Send("POST", "/api/v1/appointments/" + std::to_string(appointment) + "/outcome", body, headers);
    }
    std::string Date() const {
        char text[11];
        std::snprintf(text, sizeof text, "%04d-%02d-%02d", monday_.year, monday_.month, monday_.day);
        return text;
    }

    std::int64_t place_ = 0;
    std::int64_t interpreter_ = 0;
    std::string case_path_;
    i18n::LocalTime monday_;
};

TEST_F(AppointmentsTest, AWorkerBooksAFreeSlotWithAnInterpreter) {
    const std::string slots_path = "/api/v1/places/" + std::to_string(place_) + "/slots?date=" + Date();
    auto free = As(Role::kCaseWorker, "GET", slots_path + "&minutes=60");
    ASSERT_EQ(free.status, 200) << free.body;
    EXPECT_EQ(free.Json().at("items").as_array().size(), 8u) << "four hours in the morning, four after lunch";
    EXPECT_EQ(free.Json().at("items").at(0).at("starts_at").as_int64(), Monday(9 * 60));

    auto booked = Book(Booking(
        10 * 60, 60, R"(,"interpreter_id":)" + std::to_string(interpreter_) + R"(,"interpreter_language":"ar")"));
    ASSERT_EQ(booked.status, 201) << booked.body;
    const auto appointment = booked.Json();
    EXPECT_EQ(appointment.at("state"), "booked");
    EXPECT_EQ(appointment.at("interpreter").at("name"), "Samira");
    EXPECT_EQ(appointment.at("interpreter_language"), "ar");
    EXPECT_EQ(appointment.at("worker").at("id").as_int64(), world_->actor(Role::kCaseWorker).user_id);
    // Her ten o'clock is taken now.
    auto after = As(Role::kCaseWorker, "GET", slots_path + "&minutes=60").Json();
    EXPECT_EQ(after.at("items").as_array().size(), 7u);
    for (const auto& slot : after.at("items").as_array()) EXPECT_NE(slot.at("starts_at").as_int64(), Monday(600));

    auto listed = As(Role::kCaseWorker, "GET", case_path_ + "/appointments");
    ASSERT_EQ(listed.status, 200);
    EXPECT_EQ(listed.Json().at("items").as_array().size(), 1u);
    const auto timeline = As(Role::kCaseWorker, "GET", case_path_ + "/timeline").Json();
    EXPECT_EQ(timeline.at("items").at(1).at("kind"), "appointment_booked");
    EXPECT_EQ(AuditCount("cases.appointment.book", "ok"), 1);

    // The caseload shows her next appointment, and finds the cases with one before a day.
    const std::string caseload = "/api/v1/organizations/" + std::to_string(world_->own_organization) + "/cases";
    auto all = As(Role::kCaseWorker, "GET", caseload).Json();
    ASSERT_EQ(all.at("items").as_array().size(), 1u);
    EXPECT_EQ(all.at("items").at(0).at("next_appointment_at").as_int64(), Monday(600));
    const std::string day_after = i18n::IsoDateUtc(Monday(600) + 24 * kHour);
    EXPECT_EQ(As(Role::kCaseWorker, "GET", caseload + "?appointment_before=" + day_after)
                  .Json()
                  .at("items")
                  .as_array()
                  .size(),
              1u);
    EXPECT_TRUE(As(Role::kCaseWorker, "GET", caseload + "?appointment_before=" + i18n::IsoDateUtc(core::NowMs()))
                    .Json()
                    .at("items")
                    .as_array()
                    .empty());
}

TEST_F(AppointmentsTest, AnOccupiedSlotOrATimeOutsideTheHoursIsRefused) {
    ASSERT_EQ(Book(Booking(10 * 60, 60,
                           R"(,"interpreter_id":)" + std::to_string(interpreter_) + R"(,"interpreter_language":"fr")"))
                  .status,
              201);
    const std::string with_interpreter =
        R"(,"interpreter_id":)" + std::to_string(interpreter_) + R"(,"interpreter_language":"ar")";
    const std::vector<std::pair<std::string, std::string>> refusals = {
        {Booking(10 * 60 + 30, 60), "starts_at:occupied"},       // her worker is with the first
        {Booking(12 * 60 + 30, 60), "starts_at:outside_hours"},  // runs into lunch
        {Booking(8 * 60, 60), "starts_at:outside_hours"},
        {Booking(17 * 60 + 45, 30, with_interpreter), "starts_at:outside_hours"},  // past closing
        {Booking(11 * 60, 0), "ends_at:before_start"},
        {Booking(9 * 60, 9 * 60), "ends_at:too_long"},
        {Booking(11 * 60, 30,
                 R"(,"interpreter_id":)" + std::to_string(interpreter_) + R"(,"interpreter_language":"ti")"),
         "interpreter_language:not_spoken"},
        {Booking(11 * 60, 30, R"(,"interpreter_id":)" + std::to_string(interpreter_)), "interpreter_language:required"},
        {Booking(11 * 60, 30, R"(,"interpreter_language":"ar")"), "interpreter_id:required"},
        {R"({"place_id":1,"visit":"party","starts_at":1,"ends_at":2})", "visit:format"},
    };
    for (const auto& [body, field] : refusals) {
        auto response = Book(body);
        EXPECT_EQ(response.status, 422) << body << " " << response.body;
        if (response.status == 422) EXPECT_EQ(FieldError(response), field) << body;
    }
    // The interpreter is with the first appointment: another worker cannot book her then.
    auto colleague = Book(Booking(10 * 60, 30, with_interpreter), Role::kCoordinator);
    EXPECT_EQ(colleague.status, 422);
    EXPECT_EQ(FieldError(colleague), "interpreter_id:occupied");
    EXPECT_EQ(AuditCount("cases.appointment.book", "ok"), 1);
}

TEST_F(AppointmentsTest, IdsOfAnotherOrganizationAreAnsweredAsMissingOnes) {
    std::int64_t foreign_place = 0;
    std::int64_t foreign_worker = 0;
    std::int64_t foreign_interpreter = 0;
    database_->Transact([&](db::Connection& connection) {
        const std::int64_t now = core::NowMs();
        foreign_place = connection
                            .Execute(
                                "INSERT INTO cases_places (organization_id, name, address, time_zone, hours, "
                                "created_at) VALUES ($1, 'Elsewhere', '', 'Europe/Rome', '[]', $2) RETURNING id",
                                {world_->foreign_organization, now})
                            .Int(0, 0);
        foreign_interpreter =
            connection
                .Execute(
                    "INSERT INTO cases_interpreters (organization_id, name, languages, contact, created_at) "
                    "VALUES ($1, 'Other', '[\"ar\"]', '', $2) RETURNING id",
                    {world_->foreign_organization, now})
                .Int(0, 0);
        foreign_worker = accounts::CreateUser(connection, {.email = "fw@example.org", .display_name = "FW"}, now);
        tenancy::AddMembership(connection, foreign_worker,
                               {.role = Role::kCaseWorker, .organization_id = world_->foreign_organization}, 0, now);
    });
    const std::string start = std::to_string(Monday(10 * 60));
    const std::string end = std::to_string(Monday(11 * 60));
    auto body = [&](std::int64_t place, std::string_view extra) {
        return R"({"place_id":)" + std::to_string(place) + R"(,"visit":"follow_up","starts_at":)" + start +
               R"(,"ends_at":)" + end + std::string(extra) + "}";
    };
    for (const auto& [sent, field] : std::vector<std::pair<std::string, std::string>>{
             {body(foreign_place, ""), "place_id:not_found"},
             {body(987654321, ""), "place_id:not_found"},
             {body(place_, R"(,"worker_user_id":)" + std::to_string(foreign_worker)), "worker_user_id:not_found"},
             {body(place_, R"(,"worker_user_id":987654321)"), "worker_user_id:not_found"},
             {body(place_,
                   R"(,"interpreter_id":)" + std::to_string(foreign_interpreter) + R"(,"interpreter_language":"ar")"),
              "interpreter_id:not_found"},
             {body(place_, R"(,"interpreter_id":987654321,"interpreter_language":"ar")"),
              "interpreter_id:not_found"}}) {
        auto response = Book(sent);
        EXPECT_EQ(response.status, 422) << sent << " " << response.body;
        if (response.status == 422) EXPECT_EQ(FieldError(response), field) << sent;
    }
    // The slots of a place of another organization, and another organization's worker, alike.
    EXPECT_EQ(As(Role::kCaseWorker, "GET", "/api/v1/places/" + std::to_string(foreign_place) + "/slots?date=" + Date())
                  .status,
              404);
    auto foreign = As(Role::kCaseWorker, "GET",
                      "/api/v1/places/" + std::to_string(place_) + "/slots?date=" + Date() +
                          "&worker_id=" + std::to_string(foreign_worker));
    EXPECT_EQ(foreign.status, 400);
    EXPECT_EQ(FieldError(foreign), "worker_id:not_found");
    for (const auto& [query, field] :
         std::vector<std::pair<std::string, std::string>>{{"", "date:required"},
                                                          {"?date=2026-02-30", "date:format"},
                                                          {"?date=" + Date() + "&minutes=5", "minutes:too_small"}}) {
        auto response = As(Role::kCaseWorker, "GET", "/api/v1/places/" + std::to_string(place_) + "/slots" + query);
        EXPECT_EQ(response.status, 400) << query << " " << response.body;
        if (response.status == 400) EXPECT_EQ(FieldError(response), field) << query;
    }
    EXPECT_TRUE(As(Role::kCaseWorker, "GET", case_path_ + "/appointments").Json().at("items").as_array().empty());
}

TEST_F(AppointmentsTest, AVisitEndsAttendedMissedOrCancelledOnce) {
    auto booked = Book(Booking(9 * 60, 30));
    ASSERT_EQ(booked.status, 201) << booked.body;
    const std::int64_t id = booked.Json().at("id").as_int64();
    const std::string etag = booked.headers["etag"];
    EXPECT_EQ(Outcome(id, "", R"({"state":"no_show"})").status, 428);
    auto unreasoned = Outcome(id, etag, R"({"state":"cancelled"})");
    EXPECT_EQ(unreasoned.status, 422);
    EXPECT_EQ(FieldError(unreasoned), "reason:required");
    auto cancelled = Outcome(id, etag, R"({"state":"cancelled","reason":"Her child is ill"})");
    ASSERT_EQ(cancelled.status, 200) << cancelled.body;
    EXPECT_EQ(cancelled.Json().at("reason"), "Her child is ill");
    EXPECT_EQ(Outcome(id, etag, R"({"state":"attended"})").status, 412);
    auto again = Outcome(id, cancelled.headers["etag"], R"({"state":"attended"})");
    EXPECT_EQ(again.status, 422);
    EXPECT_EQ(FieldError(again), "state:transition");
    EXPECT_EQ(
        database_->Acquire()->Execute("SELECT COUNT(*) FROM cases_appointments WHERE reason LIKE '%child%'").Int(0, 0),
        0)
        << "sealed";
    // Her slot is free again.
    EXPECT_EQ(Book(Booking(9 * 60, 30)).status, 201);
    // A walk-in is recorded as she came, attended; not in the future.
    auto future = Book(R"({"place_id":)" + std::to_string(place_) + R"(,"visit":"walk_in","starts_at":)" +
                       std::to_string(Monday(15 * 60)) + R"(,"ends_at":)" + std::to_string(Monday(16 * 60)) + "}");
    EXPECT_EQ(future.status, 422);
    EXPECT_EQ(FieldError(future), "starts_at:future");
    EXPECT_EQ(
        As(Role::kMentor, "POST", "/api/v1/appointments/" + std::to_string(id) + "/outcome", R"({"state":"attended"})")
            .status,
        403);
    EXPECT_EQ(AuditCount("cases.appointment.book", "ok"), 3);
}

TEST_F(AppointmentsTest, APlaceAndAnInterpreterAreRefusedNamingTheField) {
    const std::string organization = "/api/v1/organizations/" + std::to_string(world_->own_organization);
    const std::string good_hours = R"("hours":[{"weekday":1,"opens":"09:00","closes":"13:00"}])";
    for (
        const auto& [body, field] : std::vector<std::pair<std::string, std::string>>{
            {R"({"address":"x","time_zone":"Europe/Rome",)" + good_hours + "}", "name:required"},
            {R"({"name":"P","address":"x","time_zone":"Europe/Atlantis",)" + good_hours + "}", "time_zone:format"},
            {R"({"name":"P","address":"x","time_zone":"Europe/Rome","hours":[{"weekday":8,"opens":"09:00","closes":"13:00"}]})",
             "hours.0.weekday:too_large"},
            {R"({"name":"P","address":"x","time_zone":"Europe/Rome","hours":[{"weekday":1,"opens":"9:00","closes":"13:00"}]})",
             "hours.0.opens:format"},
            {R"({"name":"P","address":"x","time_zone":"Europe/Rome","hours":[{"weekday":1,"opens":"13:00","closes":"09:00"}]})",
             "hours:before_start"},
            {R"({"name":"P","address":"x","time_zone":"Europe/Rome","hours":[{"weekday":1,"opens":"09:00","closes":"13:00"},
                 {"weekday":1,"opens":"12:00","closes":"15:00"}]})",
             "hours:overlap"},
            {R"({"name":"P","address":"x","time_zone":"Europe/Rome","hours":[],"rooms":3})", "rooms:unknown"}}) {
        auto response = As(Role::kCoordinator, "POST", organization + "/places", body);
        EXPECT_EQ(response.status, 422) << body << " " << response.body;
        if (response.status == 422) EXPECT_EQ(FieldError(response), field) << body;
    }
    for (const auto& [body, field] : std::vector<std::pair<std::string, std::string>>{
             {R"({"languages":["ar"]})", "name:required"},
             {R"({"name":"Samira","languages":[]})", "languages:too_short"},
             {R"({"name":"Samira","languages":["Arabic"]})", "languages.0:format"},
             {R"({"name":"Samira","languages":["ar"],"contact":"a\u0007b"})", "contact:control_characters"}}) {
        auto response = As(Role::kCoordinator, "POST", organization + "/interpreters", body);
        EXPECT_EQ(response.status, 422) << body << " " << response.body;
        if (response.status == 422) EXPECT_EQ(FieldError(response), field) << body;
    }
    const auto places = As(Role::kCaseWorker, "GET", organization + "/places").Json();
    EXPECT_EQ(places.at("items").as_array().size(), 1u) << "only the place of the fixture";
    EXPECT_EQ(places.at("items").at(0).at("hours").at(0).at("opens"), "09:00");
    const auto interpreters = As(Role::kCaseWorker, "GET", organization + "/interpreters").Json();
    EXPECT_EQ(interpreters.at("items").as_array().size(), 1u);
    // Case workers book; they do not add places or interpreters.
    EXPECT_EQ(
        As(Role::kCaseWorker, "POST", organization + "/interpreters", R"({"name":"S","languages":["ar"]})").status,
        403);
}

}  // namespace
}  // namespace ponte::cases

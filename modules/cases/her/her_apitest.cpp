// Her own view over HTTP: her worker links her account to her record; she then reads her plan and
// what changed in it, her next appointment (and adds it to her calendar), the notes and documents
// shared with her, marks her action done and asks for help; her safe-contact rules decide whether
// anything names the organization. Another woman's records are answered as missing ones.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/accounts/store.hpp"
#include "core/feature.hpp"
#include "core/i18n/local_time.hpp"
#include "core/tenancy/store.hpp"
#include "core/testing/ics_reader.hpp"
#include "core/testing/world_test.hpp"
#include "modules/cases/appointments/store.hpp"
#include "modules/cases/documents/store.hpp"
#include "modules/cases/notes/store.hpp"

namespace ponte::cases {
namespace {

using policy::Role;

constexpr std::int64_t kDay = 86'400'000;

class HerViewTest : public testing::WorldTest {
  protected:
    void SetUp() override {
        WorldTest::SetUp();
        her_ = world_->actor(Role::kParticipant);
        case_path_ = Open("Hawa");
        case_id_ = std::stoll(case_path_.substr(case_path_.rfind('/') + 1));
        database_->Transact([&](db::Connection& connection) {
            const std::int64_t now = core::NowMs();
            other_.user_id =
                accounts::CreateUser(connection, {.email = "other@example.org", .display_name = "Other"}, now);
            tenancy::AddMembership(connection, other_.user_id,
                                   {.role = Role::kParticipant, .organization_id = world_->own_organization}, 0, now);
        });
    }
    std::string Open(std::string_view name) {
        auto opened = As(Role::kCaseWorker, "POST",
                         "/api/v1/organizations/" + std::to_string(world_->own_organization) + "/cases",
                         boost::json::serialize(boost::json::object{{"chosen_name", name}}));
        EXPECT_EQ(opened.status, 201) << opened.body;
        return "/api/v1/cases/" + std::to_string(opened.Json().at("id").as_int64());
    }
    testing::HttpResult Link(const std::string& case_path, std::int64_t user_id) {
        return As(Role::kCaseWorker, "PUT", case_path + "/account", R"({"user_id":)" + std::to_string(user_id) + "}");
    }
    testing::HttpResult AsHer(std::string_view method, const std::string& path, std::string_view body = "") {
        return Send(method, path, body, world_->SignIn(her_));
    }
    // Her case, made active, with a plan agreed: one action hers, one her worker's.
    void AgreePlan() {
        auto headers = world_->SignIn(world_->actor(Role::kCaseWorker));
        headers["If-Match"] = As(Role::kCaseWorker, "GET", case_path_).headers["etag"];
        ASSERT_EQ(Send("POST", case_path_ + "/moves", R"({"to":"active"})", headers).status, 200);
        const std::string today = i18n::IsoDateUtc(core::NowMs());
        const std::string later = i18n::IsoDateUtc(core::NowMs() + 14 * kDay);
        const std::int64_t worker = world_->actor(Role::kCaseWorker).user_id;
        headers = world_->SignIn(world_->actor(Role::kCaseWorker));
        headers["If-Match"] = "\"1\"";
        auto agreed = Send("PUT", case_path_ + "/plan",
                           R"({"agreed_on":")" + today + R"(","goals":[{"domain":"language",
                               "statement":"Speak Italian at work","target":"A2 certificate","actions":[
                               {"title":"Enrol in the evening course","owner":"her","due_on":")" +
                               later + R"("},{"title":"Find a course near her home","owner":"worker",
                               "owner_user_id":)" +
                               std::to_string(worker) + R"(,"due_on":")" + later + R"("}]}]})",
                           headers);
        ASSERT_EQ(agreed.status, 200) << agreed.body;
        const auto plan = agreed.Json();
        const auto& actions = plan.at("goals").at(0).at("actions").as_array();
        her_action_ = actions.at(0).at("id").as_int64();
        worker_action_ = actions.at(1).at("id").as_int64();
    }
    // Her worker's appointment with her the day after tomorrow, at a place named after the
    // organization.
    std::int64_t Book() {
        return database_->Transact([&](db::Connection& connection) {
            const std::int64_t now = core::NowMs();
            const std::int64_t place = InsertPlace(connection,
                                                   {.organization_id = world_->own_organization,
                                                    .name = "Centro Antiviolenza Artemisia",
                                                    .address = "Via del Mezzetta 1, Firenze",
                                                    .time_zone = "Europe/Rome"},
                                                   now);
            return InsertAppointment(connection,
                                     {.case_id = case_id_,
                                      .place_id = place,
                                      .worker_user_id = world_->actor(Role::kCaseWorker).user_id,
                                      .starts_at = now + 2 * kDay,
                                      .ends_at = now + 2 * kDay + 3'600'000,
                                      .booked_by = world_->actor(Role::kCaseWorker).user_id},
                                     now);
        });
    }
    boost::json::value HerCases() {
        auto read = AsHer("GET", "/api/v1/my/cases");
        EXPECT_EQ(read.status, 200) << read.body;
        return read.Json().at("items");
    }
    std::int64_t Count(std::string_view sql) { return database_->Acquire()->Execute(sql).Int(0, 0); }

    testing::Actor her_;
    testing::Actor other_{.name = "other", .role = Role::kParticipant};
    std::string case_path_;
    std::int64_t case_id_ = 0;
    std::int64_t her_action_ = 0;
    std::int64_t worker_action_ = 0;
};

TEST_F(HerViewTest, Linked_SheReadsHerPlanHerAppointmentAndWhatIsShared_NeverTheOrganization) {
    EXPECT_EQ(HerCases().as_array().size(), 0u) << "nothing before her account is linked";
    auto linked = Link(case_path_, her_.user_id);
    ASSERT_EQ(linked.status, 200) << linked.body;
    EXPECT_EQ(linked.Json().at("display_name").as_string(), "Test " + her_.name);
    EXPECT_EQ(As(Role::kCaseWorker, "GET", case_path_).Json().at("account_user_id"), her_.user_id);
    auto first = HerCases();
    ASSERT_EQ(first.as_array().size(), 1u);
    EXPECT_EQ(first.at(0).at("state"), "intake");
    EXPECT_TRUE(first.at(0).at("plan").is_null()) << "no plan agreed yet";

    AgreePlan();
    const std::int64_t appointment = Book();
    for (const auto* note : {R"({"text":"Bring your passport on Tuesday.","visibility":"her"})",
                             R"({"text":"Her husband called the office.","visibility":"team"})"}) {
        ASSERT_EQ(As(Role::kCaseWorker, "POST", case_path_ + "/notes", note).status, 201);
    }
    auto headers = world_->SignIn(world_->actor(Role::kCaseWorker));
    headers["Content-Type"] = "text/plain";
    testing::HttpClient client(server_->port());
    auto shared = client.Send("POST", case_path_ + "/documents?name=course.txt&visibility=her",
                              "Her evening course is in room 4.\n", headers);
    ASSERT_EQ(shared.status, 201) << shared.body;
    ASSERT_EQ(client.Send("POST", case_path_ + "/documents?name=report.txt&visibility=team", "For the team.\n", headers)
                  .status,
              201);

    auto read = AsHer("GET", "/api/v1/my/cases");
    ASSERT_EQ(read.status, 200) << read.body;
    const auto mine = read.Json().at("items").at(0);
    EXPECT_EQ(mine.at("case_id"), case_id_);
    EXPECT_EQ(mine.at("state"), "active");
    const auto& goal = mine.at("plan").at("goals").at(0);
    EXPECT_EQ(goal.at("statement"), "Speak Italian at work");
    EXPECT_EQ(goal.at("actions").at(0).at("owner"), "her");
    EXPECT_EQ(goal.at("actions").at(1).at("owner_name").as_string(), "Test " + world_->actor(Role::kCaseWorker).name);
    const auto& appointments = mine.at("appointments").as_array();
    ASSERT_EQ(appointments.size(), 1u);
    EXPECT_EQ(appointments.at(0).at("id"), appointment);
    EXPECT_EQ(appointments.at(0).at("place_address"), "Via del Mezzetta 1, Firenze");
    const auto& notes = mine.at("notes").as_array();
    ASSERT_EQ(notes.size(), 1u) << "the note her team keeps for itself is not hers";
    EXPECT_EQ(notes.at(0).at("text"), "Bring your passport on Tuesday.");
    const auto& documents = mine.at("documents").as_array();
    ASSERT_EQ(documents.size(), 1u);
    EXPECT_EQ(documents.at(0).at("name"), "course.txt");
    // Her rules never recorded: nothing names the organization or its place.
    EXPECT_EQ(mine.at("organization_name"), "");
    EXPECT_EQ(appointments.at(0).at("place_name"), "");
    EXPECT_EQ(read.body.find("Artemisia"), std::string::npos) << read.body;
    EXPECT_EQ(read.body.find("sensitive"), std::string::npos);
    EXPECT_EQ(read.body.find("husband"), std::string::npos);
    EXPECT_EQ(AuditCount("cases.own.read", "ok"), 2) << "each read of her case";

    // The shared document downloads, as an attachment; the team's is answered as a missing one.
    auto download = AsHer("GET", "/api/v1/my/cases/" + std::to_string(case_id_) + "/documents/" +
                                     std::to_string(documents.at(0).at("id").as_int64()));
    ASSERT_EQ(download.status, 200) << download.body;
    EXPECT_EQ(download.body, "Her evening course is in room 4.\n");
    EXPECT_TRUE(download.headers["content-disposition"].starts_with("attachment"))
        << download.headers["content-disposition"];
    const std::int64_t team_document =
        database_->Acquire()->Execute("SELECT id FROM cases_documents WHERE visibility = 'team'").Int(0, 0);
    auto hidden =
        AsHer("GET", "/api/v1/my/cases/" + std::to_string(case_id_) + "/documents/" + std::to_string(team_document));
    auto missing = AsHer("GET", "/api/v1/my/cases/" + std::to_string(case_id_) + "/documents/987654321");
    EXPECT_EQ(hidden.status, 404);
    EXPECT_EQ(missing.status, 404);
    EXPECT_EQ(hidden.Json().at("title"), missing.Json().at("title"));
}

TEST_F(HerViewTest, HerRulesLetTheOrganizationBeNamed_SheReadsItsName) {
    ASSERT_EQ(Link(case_path_, her_.user_id).status, 200);
    Book();
    auto headers = world_->SignIn(world_->actor(Role::kCaseWorker));
    headers["If-Match"] = "\"1\"";
    ASSERT_EQ(Send("PUT", case_path_ + "/safe-contact",
                   R"({"channel":"sms","phone":"+39 333 000 0000","days":[],"leave_message":true,
                       "name_sender":true,"code_word":""})",
                   headers)
                  .status,
              200);
    const auto mine = HerCases().at(0);
    EXPECT_NE(mine.at("organization_name"), "");
    EXPECT_EQ(mine.at("appointments").at(0).at("place_name"), "Centro Antiviolenza Artemisia");
}

TEST_F(HerViewTest, AddToHerCalendar_OneEventThatNamesNothing) {
    ASSERT_EQ(Link(case_path_, her_.user_id).status, 200);
    const std::int64_t appointment = Book();
    auto ics = AsHer("GET", "/api/v1/my/appointments/" + std::to_string(appointment) + "/calendar");
    ASSERT_EQ(ics.status, 200) << ics.body;
    EXPECT_EQ(ics.headers["content-type"], "text/calendar; charset=utf-8");
    EXPECT_EQ(ics.headers["content-disposition"], "attachment; filename=\"appointment.ics\"");
    EXPECT_EQ(ics.body.find("Artemisia"), std::string::npos) << ics.body;
    if (!testing::IcsReader::Available()) GTEST_SKIP() << testing::IcsReader::kMissing;
    const auto read = testing::IcsReader::Read(ics.body);
    ASSERT_EQ(read.at("events").as_array().size(), 1u);
    const auto& event = read.at("events").at(0);
    EXPECT_EQ(event.at("summary"), "Appointment");
    EXPECT_EQ(event.at("location"), "Via del Mezzetta 1, Firenze");
    EXPECT_EQ(event.at("uid").as_string(), "appointment-" + std::to_string(appointment) + "@ponte");

    // Another woman's appointment, or none, is answered alike.
    const std::string other_case = Open("Leila");
    ASSERT_EQ(Link(other_case, other_.user_id).status, 200);
    auto foreign =
        Send("GET", "/api/v1/my/appointments/" + std::to_string(appointment) + "/calendar", "", world_->SignIn(other_));
    auto missing = Send("GET", "/api/v1/my/appointments/987654321/calendar", "", world_->SignIn(other_));
    EXPECT_EQ(foreign.status, 404);
    EXPECT_EQ(missing.status, 404);
}

TEST_F(HerViewTest, SheMarksHerActionDone_NotHerWorkersOne_AndAsksForHelp) {
    ASSERT_EQ(Link(case_path_, her_.user_id).status, 200);
    AgreePlan();
    const std::string done = "/api/v1/my/actions/" + std::to_string(her_action_) + "/done";
    auto marked = AsHer("POST", done);
    ASSERT_EQ(marked.status, 200) << marked.body;
    EXPECT_EQ(marked.Json().at("state"), "done");
    EXPECT_GT(marked.Json().at("done_at").as_int64(), 0);
    const auto plan = As(Role::kCaseWorker, "GET", case_path_ + "/plan").Json();
    EXPECT_EQ(plan.at("version"), 3) << "a new version";
    EXPECT_EQ(plan.at("goals").at(0).at("actions").at(0).at("state"), "done");
    EXPECT_EQ(plan.at("updated_by"), her_.user_id);
    EXPECT_EQ(HerCases().at(0).at("plan").at("changes").at(0).at("what"), "action_changed");
    // Again: nothing changes.
    ASSERT_EQ(AsHer("POST", done).status, 200);
    EXPECT_EQ(As(Role::kCaseWorker, "GET", case_path_ + "/plan").Json().at("version"), 3);

    // One her team dropped is not hers to take up again.
    {
        auto headers = world_->SignIn(world_->actor(Role::kCaseWorker));
        headers["If-Match"] = As(Role::kCaseWorker, "GET", case_path_ + "/plan").headers["etag"];
        ASSERT_EQ(Send("POST", "/api/v1/plan-actions/" + std::to_string(her_action_) + "/state",
                       R"({"state":"dropped"})", headers)
                      .status,
                  200);
        EXPECT_EQ(FieldError(AsHer("POST", done)), "state:dropped");
    }
    auto workers = AsHer("POST", "/api/v1/my/actions/" + std::to_string(worker_action_) + "/done");
    EXPECT_EQ(workers.status, 422);
    EXPECT_EQ(FieldError(workers), "owner:not_hers");

    const std::string help = "/api/v1/my/actions/" + std::to_string(worker_action_) + "/help";
    EXPECT_EQ(
        FieldError(AsHer("POST", help,
                         R"({"message":)" + boost::json::serialize(boost::json::value(std::string(2001, 'x'))) + "}")),
        "message:too_long");
    EXPECT_EQ(AsHer("POST", help, R"({"why":"x"})").status, 422);
    const std::int64_t mails = Count("SELECT COUNT(*) FROM jobs WHERE kind = 'mail.send'");
    auto asked = AsHer("POST", help, R"({"message":"I do not know where the course is"})");
    ASSERT_EQ(asked.status, 201) << asked.body;
    const auto timeline = As(Role::kCaseWorker, "GET", case_path_ + "/timeline").Json();
    const auto& last = timeline.at("items").as_array().back();
    EXPECT_EQ(last.at("kind"), "help_asked");
    EXPECT_EQ(last.at("detail").at("message"), "I do not know where the course is");
    EXPECT_EQ(last.at("detail").at("title"), "Find a course near her home");
    EXPECT_EQ(Count("SELECT COUNT(*) FROM jobs WHERE kind = 'mail.send'"), mails + 1) << "her lead worker is told";
    EXPECT_EQ(Count("SELECT COUNT(*) FROM cases_events WHERE detail LIKE '%course is%'"), 0) << "sealed";

    // Her case closed: her actions are not done, nor helped with, any more.
    auto headers = world_->SignIn(world_->actor(Role::kCaseWorker));
    headers["If-Match"] = As(Role::kCaseWorker, "GET", case_path_).headers["etag"];
    ASSERT_EQ(Send("POST", case_path_ + "/moves",
                   R"({"to":"closed","outcome":"autonomy_reached","reason":"She has a job"})", headers)
                  .status,
              200);
    EXPECT_EQ(FieldError(AsHer("POST", help, "{}")), "state:closed");
    EXPECT_EQ(Count("SELECT COUNT(*) FROM jobs WHERE kind = 'mail.send'"), mails + 1);

    // Another woman reaches none of it, as for a missing action.
    const std::string other_case = Open("Leila");
    ASSERT_EQ(Link(other_case, other_.user_id).status, 200);
    EXPECT_EQ(Send("POST", done, "", world_->SignIn(other_)).status, 404);
    EXPECT_EQ(Send("POST", "/api/v1/my/actions/987654321/done", "", world_->SignIn(other_)).status, 404);
    EXPECT_EQ(Send("POST", help, "{}", world_->SignIn(other_)).status, 404);
}

TEST_F(HerViewTest, Linking_OnlyAParticipantOfTheOrganization_OneRecordPerAccount) {
    EXPECT_EQ(FieldError(Link(case_path_, world_->actor(Role::kMentor).user_id)), "user_id:not_found");
    EXPECT_EQ(FieldError(Link(case_path_, 987654321)), "user_id:not_found");
    std::int64_t foreign = 0;
    database_->Transact([&](db::Connection& connection) {
        const std::int64_t now = core::NowMs();
        foreign = accounts::CreateUser(connection, {.email = "far@example.org", .display_name = "Far"}, now);
        tenancy::AddMembership(connection, foreign,
                               {.role = Role::kParticipant, .organization_id = world_->foreign_organization}, 0, now);
    });
    EXPECT_EQ(FieldError(Link(case_path_, foreign)), "user_id:not_found");
    // A worker of the organization who is also one of its participants: not an account of hers.
    database_->Transact([&](db::Connection& connection) {
        tenancy::AddMembership(connection, world_->actor(Role::kMentor).user_id,
                               {.role = Role::kParticipant, .organization_id = world_->own_organization}, 0,
                               core::NowMs());
    });
    EXPECT_EQ(FieldError(Link(case_path_, world_->actor(Role::kMentor).user_id)), "user_id:not_found");
    EXPECT_EQ(As(Role::kCaseWorker, "PUT", case_path_ + "/account", "{}").status, 422);
    EXPECT_EQ(As(Role::kCaseWorker, "PUT", case_path_ + "/account", R"({"user_id":"x"})").status, 422);

    ASSERT_EQ(Link(case_path_, her_.user_id).status, 200);
    ASSERT_EQ(Link(case_path_, her_.user_id).status, 200) << "again: the same link";
    const std::string other_case = Open("Leila");
    EXPECT_EQ(Link(other_case, her_.user_id).status, 409) << "her account is another woman's record already";
    EXPECT_EQ(Count("SELECT COUNT(*) FROM cases_women WHERE user_id IS NOT NULL"), 1);
    const auto timeline = As(Role::kCaseWorker, "GET", case_path_ + "/timeline").Json();
    EXPECT_EQ(timeline.at("items").as_array().back().at("kind"), "account_linked");

    // Her link does not outlive her membership of the organization: a participant of another one
    // no longer reads the case.
    ASSERT_EQ(HerCases().as_array().size(), 1u);
    const auto move_her = [&](std::int64_t organization) {
        database_->Acquire()->Execute("UPDATE tenancy_memberships SET organization_id = $2 WHERE user_id = $1",
                                      {her_.user_id, organization});
    };
    move_her(world_->foreign_organization);
    EXPECT_EQ(HerCases().as_array().size(), 0u);
    move_her(world_->own_organization);

    EXPECT_EQ(As(Role::kCaseWorker, "DELETE", case_path_ + "/account").status, 204);
    EXPECT_TRUE(As(Role::kCaseWorker, "GET", case_path_).Json().at("account_user_id").is_null());
    EXPECT_EQ(HerCases().as_array().size(), 0u);
    EXPECT_EQ(AuditCount("cases.account.link", "ok"), 3);
}

}  // namespace
}  // namespace ponte::cases

// Deadlines over HTTP: a worker adds the day her residence permit must be renewed, with the
// documents it needs; the organization's overdue view lists the open deadlines whose day has
// passed, of the cases each reader follows; a deadline is done once, with If-Match.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/feature.hpp"
#include "core/i18n/local_time.hpp"
#include "core/testing/world_test.hpp"

namespace ponte::cases {
namespace {

using policy::Role;

class DeadlinesTest : public testing::WorldTest {
  protected:
    std::string Open(std::string_view name) {
        auto opened = As(Role::kCaseWorker, "POST", Organization() + "/cases",
                         boost::json::serialize(boost::json::object{{"chosen_name", name}}));
        EXPECT_EQ(opened.status, 201) << opened.body;
        return "/api/v1/cases/" + std::to_string(opened.Json().at("id").as_int64());
    }
    std::string Organization() const { return "/api/v1/organizations/" + std::to_string(world_->own_organization); }
    static std::string Day(int days_from_today) {
        return i18n::IsoDateUtc(core::NowMs() + std::int64_t{days_from_today} * 86'400'000);
    }
    static std::vector<std::string> Titles(const testing::HttpResult& page) {
        std::vector<std::string> titles;
        const auto body = page.Json();
        for (const auto& item : body.at("items").as_array()) titles.emplace_back(item.at("title").as_string());
        return titles;
    }
};

TEST_F(DeadlinesTest, TheOverdueViewListsOpenDeadlinesWhoseDayHasPassed) {
    const std::string hawa = Open("Hawa");
    const std::string leila = Open("Leila");
    auto permit = As(Role::kCaseWorker, "POST", hawa + "/deadlines",
                     R"({"kind":"residence_permit","title":"Permit renewal","due_on":")" + Day(-3) +
                         R"(","documents":["Passport","Two photos","Work contract"]})");
    ASSERT_EQ(permit.status, 201) << permit.body;
    EXPECT_TRUE(permit.Json().at("overdue").as_bool());
    EXPECT_EQ(permit.Json().at("documents").as_array().size(), 3u);
    ASSERT_EQ(As(Role::kCaseWorker, "POST", hawa + "/deadlines",
                 R"({"kind":"school_enrolment","title":"School","due_on":")" + Day(20) + R"("})")
                  .status,
              201);
    ASSERT_EQ(As(Role::kCaseWorker, "POST", leila + "/deadlines",
                 R"({"kind":"benefit_renewal","title":"Benefit","due_on":")" + Day(-1) + R"("})")
                  .status,
              201);

    EXPECT_EQ(Titles(As(Role::kCaseWorker, "GET", Organization() + "/deadlines")),
              (std::vector<std::string>{"Permit renewal", "Benefit"}))
        << "overdue, soonest first";
    EXPECT_EQ(Titles(As(Role::kCoordinator, "GET", Organization() + "/deadlines?due_before=" + Day(30))).size(), 3u);
    // A page at a time.
    auto first = As(Role::kCoordinator, "GET", Organization() + "/deadlines?limit=1");
    ASSERT_EQ(first.status, 200) << first.body;
    EXPECT_EQ(Titles(first), std::vector<std::string>{"Permit renewal"});
    auto second =
        As(Role::kCoordinator, "GET",
           Organization() + "/deadlines?limit=1&cursor=" + std::string(first.Json().at("next_cursor").as_string()));
    EXPECT_EQ(Titles(second), std::vector<std::string>{"Benefit"});
    // Others see only the deadlines of the cases they follow: a mentor follows none of these.
    EXPECT_TRUE(Titles(As(Role::kMentor, "GET", Organization() + "/deadlines")).empty());

    // Done once, with If-Match; then it leaves the overdue view.
    const std::string done = "/api/v1/deadlines/" + std::to_string(permit.Json().at("id").as_int64()) + "/done";
    auto headers = world_->SignIn(world_->actor(Role::kCaseWorker));
    EXPECT_EQ(Send("POST", done, "", headers).status, 428);
    headers["If-Match"] = permit.headers["etag"];
    auto completed = Send("POST", done, "", headers);
    ASSERT_EQ(completed.status, 200) << completed.body;
    EXPECT_FALSE(completed.Json().at("overdue").as_bool());
    EXPECT_EQ(Send("POST", done, "", headers).status, 412);
    headers["If-Match"] = completed.headers["etag"];
    EXPECT_EQ(Send("POST", done, "", headers).status, 409);
    EXPECT_EQ(Titles(As(Role::kCaseWorker, "GET", Organization() + "/deadlines")), std::vector<std::string>{"Benefit"});
    EXPECT_EQ(database_->Acquire()
                  ->Execute("SELECT COUNT(*) FROM cases_deadlines WHERE title LIKE '%Permit%' OR documents LIKE "
                            "'%Passport%'")
                  .Int(0, 0),
              0)
        << "sealed";
    const auto timeline = As(Role::kCaseWorker, "GET", hawa + "/timeline").Json();
    EXPECT_EQ(timeline.at("items").as_array().back().at("kind"), "deadline_done");
}

TEST_F(DeadlinesTest, BadInputNamesTheFieldAndWritesNothing) {
    const std::string hawa = Open("Hawa");
    for (const auto& [body, field] : std::vector<std::pair<std::string, std::string>>{
             {R"({"due_on":"2027-01-01"})", "kind:required"},
             {R"({"kind":"visa","due_on":"2027-01-01"})", "kind:format"},
             {R"({"kind":"other"})", "due_on:required"},
             {R"({"kind":"other","due_on":"2027-02-30"})", "due_on:format"},
             {R"({"kind":"other","due_on":"tomorrow"})", "due_on:format"},
             {R"({"kind":"other","due_on":"2027-01-01","documents":[""]})", "documents.0:too_short"},
             {R"({"kind":"other","due_on":"2027-01-01","documents":["ok","a\u0007b"]})",
              "documents.1:control_characters"},
             {R"({"kind":"other","due_on":"2027-01-01","owner":"me"})", "owner:unknown"}}) {
        auto response = As(Role::kCaseWorker, "POST", hawa + "/deadlines", body);
        EXPECT_EQ(response.status, 422) << body << " " << response.body;
        if (response.status == 422) EXPECT_EQ(FieldError(response), field) << body;
    }
    auto bad_day = As(Role::kCoordinator, "GET", Organization() + "/deadlines?due_before=someday");
    EXPECT_EQ(bad_day.status, 400);
    EXPECT_EQ(FieldError(bad_day), "due_before:format");
    EXPECT_TRUE(As(Role::kCaseWorker, "GET", hawa + "/deadlines").Json().at("items").as_array().empty());
    // A mentor reads deadlines with the case; she does not add them.
    EXPECT_EQ(As(Role::kMentor, "POST", hawa + "/deadlines", R"({"kind":"other","due_on":"2027-01-01"})").status, 403);
}

}  // namespace
}  // namespace ponte::cases

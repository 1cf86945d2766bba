// Breaking the glass over HTTP: a case worker of the organization outside the case's team gets
// "not found", writes why she must read it, and reads it (but changes nothing) until her access
// ends; the lead worker sees it on the timeline and is mailed.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/accounts/store.hpp"
#include "core/feature.hpp"
#include "core/tenancy/store.hpp"
#include "core/testing/world_test.hpp"

namespace ponte::cases {
namespace {

using policy::Role;

class GlassTest : public testing::WorldTest {
  protected:
    void SetUp() override {
        WorldTest::SetUp();
        auto opened = As(Role::kCaseWorker, "POST",
                         "/api/v1/organizations/" + std::to_string(world_->own_organization) + "/cases",
                         R"({"chosen_name":"Hawa"})");
        ASSERT_EQ(opened.status, 201) << opened.body;
        case_id_ = opened.Json().at("id").as_int64();
        case_path_ = "/api/v1/cases/" + std::to_string(case_id_);
        database_->Transact([&](db::Connection& connection) {
            const std::int64_t now = core::NowMs();
            colleague_.user_id =
                accounts::CreateUser(connection, {.email = "colleague@example.org", .display_name = "Colleague"}, now);
            tenancy::AddMembership(connection, colleague_.user_id,
                                   {.role = Role::kCaseWorker, .organization_id = world_->own_organization}, 0, now);
        });
    }
    testing::HttpResult AsColleague(std::string_view method, const std::string& path, std::string_view body = "") {
        return Send(method, path, body, world_->SignIn(colleague_));
    }
    std::int64_t Count(std::string_view sql) { return database_->Acquire()->Execute(sql).Int(0, 0); }

    std::int64_t case_id_ = 0;
    std::string case_path_;
    testing::Actor colleague_{.name = "colleague", .role = Role::kCaseWorker};
};

TEST_F(GlassTest, AColleagueBreaksTheGlassWithAReasonAndReadsTheCaseForAWhile) {
    EXPECT_EQ(AsColleague("GET", case_path_).status, 404);
    const std::string reason = R"({"reason":"She is at the desk and her worker is away today"})";
    auto broken = AsColleague("POST", case_path_ + "/glass", reason);
    ASSERT_EQ(broken.status, 201) << broken.body;
    const std::int64_t expires = broken.Json().at("expires_at").as_int64();
    EXPECT_NEAR(static_cast<double>(expires - core::NowMs()), 4.0 * 3'600'000, 60'000.0);

    auto read = AsColleague("GET", case_path_);
    ASSERT_EQ(read.status, 200) << read.body;
    EXPECT_EQ(AsColleague("GET", case_path_ + "/sensitive").status, 200) << "what her team reads";
    const auto caseload =
        AsColleague("GET", "/api/v1/organizations/" + std::to_string(world_->own_organization) + "/cases").Json();
    EXPECT_EQ(caseload.at("items").as_array().size(), 1u) << "in her caseload while her access runs";
    // She reads; she does not change the case.
    auto headers = world_->SignIn(colleague_);
    headers["If-Match"] = read.headers["etag"];
    EXPECT_EQ(Send("POST", case_path_ + "/moves", R"({"to":"active"})", headers).status, 404);
    EXPECT_EQ(AsColleague("POST", case_path_ + "/team",
                          R"({"user_id":)" + std::to_string(colleague_.user_id) + R"(,"role":"member"})")
                  .status,
              404);

    // The lead worker sees who broke the glass and why, and is mailed (by her case's code only).
    const auto timeline = As(Role::kCaseWorker, "GET", case_path_ + "/timeline").Json();
    const auto& last = timeline.at("items").as_array().back();
    EXPECT_EQ(last.at("kind"), "glass_broken");
    EXPECT_EQ(last.at("detail").at("name"), "Colleague");
    EXPECT_EQ(last.at("detail").at("reason"), "She is at the desk and her worker is away today");
    EXPECT_EQ(Count("SELECT COUNT(*) FROM jobs WHERE kind = 'mail.send'"), 1);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM cases_glass_breaks WHERE reason LIKE '%desk%'"), 0) << "sealed";
    EXPECT_EQ(AuditCount("cases.case.break_glass", "ok"), 1);

    // When her access ends, the case is out of her reach again.
    database_->Acquire()->Execute("UPDATE cases_glass_breaks SET expires_at = $1", {core::NowMs() - 1});
    EXPECT_EQ(AsColleague("GET", case_path_).status, 404);
}

TEST_F(GlassTest, OnlyACaseWorkerOfTheOrganizationOutsideTheTeamBreaksTheGlass) {
    const std::string reason = R"({"reason":"She is at the desk and her worker is away today"})";
    // On the team already: nothing to break.
    EXPECT_EQ(As(Role::kCaseWorker, "POST", case_path_ + "/glass", reason).status, 409);
    // Coordinators read every case; mentors, admins and others have no glass to break.
    for (Role role : {Role::kCoordinator, Role::kMentor, Role::kOrgAdmin, Role::kNetworkCoordinator}) {
        EXPECT_EQ(As(role, "POST", case_path_ + "/glass", reason).status, 403) << policy::RoleName(role);
    }
    // A case of another organization is answered as a missing one.
    std::int64_t foreign_case = 0;
    database_->Transact([&](db::Connection& connection) {
        const std::int64_t woman =
            connection
                .Execute(
                    "INSERT INTO cases_women (organization_id, chosen_name, code, created_at, updated_at) "
                    "VALUES ($1, 'F', 'W-FORE-IGN1', 1, 1) RETURNING id",
                    {world_->foreign_organization})
                .Int(0, 0);
        foreign_case = connection
                           .Execute(
                               "INSERT INTO cases_cases (woman_id, organization_id, state, opened_at, updated_at) "
                               "VALUES ($1, $2, 'active', 1, 1) RETURNING id",
                               {woman, world_->foreign_organization})
                           .Int(0, 0);
    });
    auto foreign = AsColleague("POST", "/api/v1/cases/" + std::to_string(foreign_case) + "/glass", reason);
    auto missing = AsColleague("POST", "/api/v1/cases/987654321/glass", reason);
    EXPECT_EQ(foreign.status, 404);
    EXPECT_EQ(foreign.body.substr(0, foreign.body.find("\"instance\"")),
              missing.body.substr(0, missing.body.find("\"instance\"")));
    // A reason is written, and said in words.
    for (const auto& [body, field] : std::vector<std::pair<std::string, std::string>>{
             {R"({})", "reason:required"},
             {R"({"reason":"urgent"})", "reason:too_short"},
             {R"({"reason":"     "})", "reason:too_short"},
             {R"({"reason":"            \u200b"})", "reason:no_visible_character"},
             {R"({"reason":"She is here now","hours":8})", "hours:unknown"}}) {
        auto response = AsColleague("POST", case_path_ + "/glass", body);
        EXPECT_EQ(response.status, 422) << body << " " << response.body;
        if (response.status == 422) EXPECT_EQ(FieldError(response), field) << body;
    }
    EXPECT_EQ(Count("SELECT COUNT(*) FROM cases_glass_breaks"), 0);
}

}  // namespace
}  // namespace ponte::cases

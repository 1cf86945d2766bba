// Her profile, safe-contact rules and sensitive attributes over HTTP: each part is written with
// If-Match at its own version and sealed at rest; the team reads her profile and rules, and only
// the workers of her team (not a coordinator outside it, not a mentor) her sensitive attributes.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/feature.hpp"
#include "core/testing/world_test.hpp"

namespace ponte::cases {
namespace {

using policy::Role;

class ProfileTest : public testing::WorldTest {
  protected:
    void SetUp() override {
        WorldTest::SetUp();
        auto opened = As(Role::kCaseWorker, "POST",
                         "/api/v1/organizations/" + std::to_string(world_->own_organization) + "/cases",
                         R"({"chosen_name":"Hawa"})");
        ASSERT_EQ(opened.status, 201) << opened.body;
        case_path_ = "/api/v1/cases/" + std::to_string(opened.Json().at("id").as_int64());
    }
    testing::HttpResult Put(std::string_view part, std::string_view etag, std::string_view body,
                            Role role = Role::kCaseWorker) {
        auto headers = world_->SignIn(world_->actor(role));
        if (!etag.empty()) headers["If-Match"] = std::string(etag);
        return Send("PUT", case_path_ + "/" + std::string(part), body, headers);
    }
    void ExpectField(std::string_view part, std::string_view body, std::string_view field) {
        auto response = Put(part, "\"1\"", body);
        EXPECT_EQ(response.status, 422) << body << " " << response.body;
        if (response.status == 422) EXPECT_EQ(FieldError(response), field) << body;
    }
    std::int64_t Count(std::string_view sql) { return database_->Acquire()->Execute(sql).Int(0, 0); }

    std::string case_path_;
};

TEST_F(ProfileTest, HerProfileIsWrittenWithIfMatchAndReadBack) {
    auto empty = As(Role::kCaseWorker, "GET", case_path_ + "/profile");
    ASSERT_EQ(empty.status, 200) << empty.body;
    EXPECT_FALSE(empty.Json().at("recorded").as_bool());
    EXPECT_EQ(empty.headers["etag"], "\"1\"");
    EXPECT_TRUE(empty.Json().at("languages").as_array().empty());

    const std::string body = R"({"languages":[{"language":"ti","level":"native"},{"language":"it","level":"basic"}],
        "children":[{"age":7,"school":"primary"},{"age":3,"school":"nursery","special_needs":true}]})";
    EXPECT_EQ(Put("profile", "", body).status, 428);
    auto written = Put("profile", empty.headers["etag"], body);
    ASSERT_EQ(written.status, 200) << written.body;
    EXPECT_EQ(written.headers["etag"], "\"2\"");
    EXPECT_EQ(Put("profile", empty.headers["etag"], R"({"languages":[],"children":[]})", Role::kCoordinator).status,
              412)
        << "a second worker holding the first version does not overwrite";
    auto read = As(Role::kCoordinator, "GET", case_path_ + "/profile");
    ASSERT_EQ(read.status, 200);
    const auto profile = read.Json();
    EXPECT_TRUE(profile.at("recorded").as_bool());
    EXPECT_EQ(profile.at("languages").at(0).at("language"), "ti");
    EXPECT_EQ(profile.at("children").at(1).at("special_needs"), true);
    EXPECT_EQ(profile.at("children").at(0).at("special_needs"), false);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM cases_profiles WHERE profile LIKE '%nursery%'"), 0) << "sealed";
    const auto timeline = As(Role::kCaseWorker, "GET", case_path_ + "/timeline").Json();
    EXPECT_EQ(timeline.at("items").at(1).at("kind"), "profile_changed");
    EXPECT_EQ(timeline.at("items").at(1).at("detail").at("part"), "profile");
    EXPECT_EQ(AuditCount("cases.profile.write", "ok"), 1);
}

TEST_F(ProfileTest, SafeContactRulesSayHowSheMayBeReached) {
    const std::string member =
        R"({"user_id":)" + std::to_string(world_->actor(Role::kMentor).user_id) + R"(,"role":"member"})";
    ASSERT_EQ(As(Role::kCaseWorker, "POST", case_path_ + "/team", member).status, 200);
    auto unset = As(Role::kMentor, "GET", case_path_ + "/safe-contact");
    ASSERT_EQ(unset.status, 200) << unset.body;
    EXPECT_EQ(unset.Json().at("channel"), "none") << "until they are recorded, nobody contacts her";
    EXPECT_FALSE(unset.Json().at("recorded").as_bool());
    auto written = Put("safe-contact", "\"1\"",
                       R"({"channel":"sms","phone":"+39 333 000 0000","days":[1,3,5],"from":"09:00","to":"12:30",
                           "leave_message":false,"name_sender":false,"code_word":"zeytun"})");
    ASSERT_EQ(written.status, 200) << written.body;
    auto read = As(Role::kMentor, "GET", case_path_ + "/safe-contact").Json();
    EXPECT_EQ(read.at("days"), (boost::json::array{1, 3, 5}));
    EXPECT_EQ(read.at("code_word"), "zeytun");
    EXPECT_EQ(read.at("name_sender"), false);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM cases_profiles WHERE safe_contact LIKE '%zeytun%'"), 0) << "sealed";
    // A mentor reads her rules, but does not change them (no mentor does: 403).
    EXPECT_EQ(Put("safe-contact", "\"2\"", R"({"channel":"none"})", Role::kMentor).status, 403);
}

TEST_F(ProfileTest, SensitiveAttributesAreReadByTheWorkersOfHerTeamOnly) {
    auto written = Put("sensitive", "\"1\"",
                       R"({"violence":"ongoing","violence_note":"She lives with him","legal_status":"residence_permit",
                           "legal_note":"Permit to renew in March"})");
    ASSERT_EQ(written.status, 200) << written.body;
    auto read = As(Role::kCaseWorker, "GET", case_path_ + "/sensitive");
    ASSERT_EQ(read.status, 200);
    EXPECT_EQ(read.Json().at("violence_note"), "She lives with him");
    EXPECT_EQ(Count("SELECT COUNT(*) FROM cases_profiles WHERE sensitive LIKE '%lives%'"), 0) << "sealed";

    // The coordinator reads the case, not what only her team reads, until she joins the team.
    ASSERT_EQ(As(Role::kCoordinator, "GET", case_path_).status, 200);
    auto outside = As(Role::kCoordinator, "GET", case_path_ + "/sensitive");
    auto missing = As(Role::kCoordinator, "GET", "/api/v1/cases/987654321/sensitive");
    EXPECT_EQ(outside.status, 404);
    EXPECT_EQ(outside.body.substr(0, outside.body.find("\"instance\"")),
              missing.body.substr(0, missing.body.find("\"instance\"")));
    // A mentor on her team reads her profile, not her sensitive attributes.
    const std::string member =
        R"({"user_id":)" + std::to_string(world_->actor(Role::kMentor).user_id) + R"(,"role":"member"})";
    ASSERT_EQ(As(Role::kCaseWorker, "POST", case_path_ + "/team", member).status, 200);
    EXPECT_EQ(As(Role::kMentor, "GET", case_path_ + "/profile").status, 200);
    EXPECT_EQ(As(Role::kMentor, "GET", case_path_ + "/sensitive").status, 403) << "no mentor reads them";
    const std::string coordinator =
        R"({"user_id":)" + std::to_string(world_->actor(Role::kCoordinator).user_id) + R"(,"role":"member"})";
    ASSERT_EQ(As(Role::kCaseWorker, "POST", case_path_ + "/team", coordinator).status, 200);
    EXPECT_EQ(As(Role::kCoordinator, "GET", case_path_ + "/sensitive").status, 200);
    EXPECT_EQ(AuditCount("cases.sensitive.read", "denied"), 2);
}

TEST_F(ProfileTest, BadInputNamesTheFieldAndWritesNothing) {
    ExpectField("profile", R"({"languages":[]})", "children:required");
    ExpectField("profile", R"({"languages":[{"language":"Arabic","level":"native"}],"children":[]})",
                "languages.0.language:format");
    ExpectField("profile", R"({"languages":[{"language":"ar","level":"perfect"}],"children":[]})",
                "languages.0.level:format");
    ExpectField("profile",
                R"({"languages":[{"language":"ar","level":"native"},{"language":"ar","level":"basic"}],"children":[]})",
                "languages:duplicate");
    ExpectField("profile", R"({"languages":[],"children":[{"age":31,"school":"primary"}]})",
                "children.0.age:too_large");
    ExpectField("profile", R"({"languages":[],"children":[{"age":5}]})", "children.0.school:required");
    ExpectField("profile", R"({"languages":[],"children":[],"religion":"x"})", "religion:unknown");

    ExpectField("safe-contact", R"({})", "channel:required");
    ExpectField("safe-contact", R"({"channel":"pigeon"})", "channel:format");
    ExpectField("safe-contact", R"({"channel":"sms"})", "phone:required");
    ExpectField("safe-contact", R"({"channel":"email"})", "email:required");
    ExpectField("safe-contact", R"({"channel":"sms","phone":"call me"})", "phone:format");
    ExpectField("safe-contact", R"({"channel":"email","email":"no-at-sign"})", "email:format");
    ExpectField("safe-contact", R"({"channel":"none","from":"12:00","to":"09:00"})", "to:before_start");
    ExpectField("safe-contact", R"({"channel":"none","from":"25:00","to":"26:00"})", "from:format");
    ExpectField("safe-contact", R"({"channel":"none","from":"09:00"})", "to:required");
    ExpectField("safe-contact", R"({"channel":"none","days":[0]})", "days.0:too_small");
    ExpectField("safe-contact", R"({"channel":"none","days":[1,1]})", "days:invalid");
    ExpectField("safe-contact", R"({"channel":"none","code_word":")" + std::string(41, 'w') + "\"}",
                "code_word:too_long");
    ExpectField("safe-contact", R"({"channel":"none","code_word":"a\u0007b"})", "code_word:control_characters");
    ExpectField("safe-contact", R"({"channel":"none","leave_message":"yes"})", "leave_message:type");

    ExpectField("sensitive", R"({"violence":"ongoing"})", "legal_status:required");
    ExpectField("sensitive", R"({"violence":"sometimes","legal_status":"other"})", "violence:format");
    ExpectField("sensitive", R"({"violence":"none","legal_status":"tourist"})", "legal_status:format");
    ExpectField("sensitive",
                R"({"violence":"none","legal_status":"other","health_note":")" + std::string(4001, 'h') + "\"}",
                "health_note:too_long");
    EXPECT_EQ(Count("SELECT COUNT(*) FROM cases_profiles WHERE profile IS NOT NULL OR safe_contact IS NOT NULL OR "
                    "sensitive IS NOT NULL"),
              0)
        << "nothing half-written";
    EXPECT_EQ(Put("profile", "\"x\"", R"({"languages":[],"children":[]})").status, 412);
}

}  // namespace
}  // namespace ponte::cases

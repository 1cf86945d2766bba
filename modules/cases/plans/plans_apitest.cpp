// Personalized projects over HTTP: her worker and she agree three goals with their actions (one
// hers, one her worker's, one a partner organization's); the plan is revised with If-Match, each
// version kept with what changed; an action is marked done; the plan prints as a PDF in her
// language and in her worker's, read back with poppler.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <set>

#include "core/accounts/store.hpp"
#include "core/feature.hpp"
#include "core/i18n/local_time.hpp"
#include "core/tenancy/store.hpp"
#include "core/testing/pdf_reader.hpp"
#include "core/testing/world_test.hpp"

namespace ponte::cases {
namespace {

using policy::Role;

class PlansTest : public testing::WorldTest {
  protected:
    void SetUp() override {
        WorldTest::SetUp();
        database_->Transact([&](db::Connection& connection) {
            const std::int64_t now = core::NowMs();
            partner_ = tenancy::CreateOrganization(connection, "Job centre", "public_body", now);
            tenancy::AddOrganizationToNetwork(connection, world_->own_network, partner_);
            outsider_ = accounts::CreateUser(connection, {.email = "other@example.org", .display_name = "Other"}, now);
            tenancy::AddMembership(connection, outsider_,
                                   {.role = Role::kCaseWorker, .organization_id = world_->own_organization}, 0, now);
        });
    }

    std::string Open(std::string_view name) {
        auto opened = As(Role::kCaseWorker, "POST",
                         "/api/v1/organizations/" + std::to_string(world_->own_organization) + "/cases",
                         boost::json::serialize(boost::json::object{{"chosen_name", name}}));
        EXPECT_EQ(opened.status, 201) << opened.body;
        return "/api/v1/cases/" + std::to_string(opened.Json().at("id").as_int64());
    }
    static std::string Day(int days_from_today) {
        return i18n::IsoDateUtc(core::NowMs() + std::int64_t{days_from_today} * 86'400'000);
    }
    // Three goals: Italian (her action), a job (a partner's action), the children's school (her
    // worker's action).
    std::string ThreeGoals() const {
        const std::int64_t worker = world_->actor(Role::kCaseWorker).user_id;
        return boost::json::serialize(boost::json::object{
            {"agreed_on", Day(0)},
            {"reviews", boost::json::array{Day(60), Day(120)}},
            {"goals", boost::json::array{{{"domain", "language"},
                                          {"statement", "Speak Italian at work"},
                                          {"target", "A2 certificate"},
                                          {"target_score", 3},
                                          {"actions", boost::json::array{{{"title", "Enrol in the evening course"},
                                                                          {"owner", "her"},
                                                                          {"due_on", Day(14)}}}}},
                                         {{"domain", "work"},
                                          {"statement", "Find a job as a cook"},
                                          {"target", "A contract of six months"},
                                          {"actions", boost::json::array{{{"title", "Interview at the job centre"},
                                                                          {"owner", "partner"},
                                                                          {"owner_organization_id", partner_},
                                                                          {"due_on", Day(30)}}}}},
                                         {{"domain", "education"},
                                          {"statement", "Enrol the children at school"},
                                          {"target", "Both children at school in September"},
                                          {"actions", boost::json::array{{{"title", "Book the school office"},
                                                                          {"owner", "worker"},
                                                                          {"owner_user_id", worker},
                                                                          {"due_on", Day(7)}}}}}}}});
    }
    testing::HttpResult Put(const std::string& plan, std::string_view body, const std::string& etag) {
        auto headers = world_->SignIn(world_->actor(Role::kCaseWorker));
        headers["Content-Type"] = "application/json";
        if (!etag.empty()) headers["If-Match"] = etag;
        return Send("PUT", plan, body, headers);
    }

    std::int64_t partner_ = 0;
    std::int64_t outsider_ = 0;
};

TEST_F(PlansTest, AgreedRevisedAndDone_EachVersionKeptWithWhatChanged) {
    const std::string plan = Open("Amina") + "/plan";
    auto empty = As(Role::kCaseWorker, "GET", plan);
    ASSERT_EQ(empty.status, 200) << empty.body;
    EXPECT_FALSE(empty.Json().at("recorded").as_bool());
    EXPECT_EQ(empty.headers["etag"], "\"1\"");

    EXPECT_EQ(Put(plan, ThreeGoals(), "").status, 428);
    auto agreed = Put(plan, ThreeGoals(), "\"1\"");
    ASSERT_EQ(agreed.status, 200) << agreed.body;
    const auto body = agreed.Json();
    ASSERT_EQ(body.at("goals").as_array().size(), 3u);
    const auto& job = body.at("goals").at(1).at("actions").at(0);
    EXPECT_EQ(job.at("owner_name"), "Job centre");
    EXPECT_EQ(body.at("goals").at(2).at("actions").at(0).at("owner_name").as_string(),
              "Test " + world_->actor(Role::kCaseWorker).name);
    EXPECT_EQ(database_->Acquire()
                  ->Execute("SELECT (SELECT COUNT(*) FROM cases_plan_goals WHERE statement LIKE '%Italian%') + "
                            "(SELECT COUNT(*) FROM cases_plan_actions WHERE title LIKE '%course%') + "
                            "(SELECT COUNT(*) FROM cases_plan_versions WHERE content LIKE '%Italian%')")
                  .Int(0, 0),
              0)
        << "sealed";

    // A second worker with the first version's ETag is refused: no silent overwrite.
    auto revised_json = body;
    auto& goals = revised_json.as_object()["goals"].as_array();
    goals[0].as_object()["actions"].as_array()[0].as_object()["due_on"] = Day(21);
    goals.erase(goals.begin() + 2);
    goals[1].as_object()["actions"].as_array().push_back(
        {{"title", "Write a CV with the mentor"}, {"owner", "her"}, {"due_on", Day(10)}});
    // The answer's read-only fields are not taken back: only what the request schema knows.
    for (auto& goal : goals) {
        if (goal.as_object()["target_score"].is_null()) goal.as_object().erase("target_score");
        for (auto& action : goal.as_object()["actions"].as_array()) {
            for (const char* key : {"owner_name", "done_at"}) action.as_object().erase(key);
            for (const char* key : {"owner_user_id", "owner_organization_id"}) {
                if (action.as_object()[key].is_null()) action.as_object().erase(key);
            }
        }
    }
    boost::json::object revised{{"agreed_on", body.at("agreed_on")}, {"reviews", body.at("reviews")}, {"goals", goals}};
    auto second = Put(plan, boost::json::serialize(revised), agreed.headers["etag"]);
    ASSERT_EQ(second.status, 200) << second.body;
    EXPECT_EQ(Put(plan, boost::json::serialize(revised), agreed.headers["etag"]).status, 412);
    EXPECT_EQ(second.Json().at("goals").as_array().size(), 2u);

    auto versions = As(Role::kCaseWorker, "GET", plan + "/versions");
    ASSERT_EQ(versions.status, 200) << versions.body;
    const auto items = versions.Json().at("items").as_array();
    ASSERT_EQ(items.size(), 2u);
    EXPECT_EQ(items[1].at("plan").at("goals").as_array().size(), 3u) << "the first version as it was";
    std::set<std::string> what;
    for (const auto& change : items[0].at("changes").as_array()) what.emplace(change.at("what").as_string());
    EXPECT_EQ(what, (std::set<std::string>{"action_changed", "goal_removed", "action_removed", "action_added"}));

    // Her action done: a version of its own, so that an edit begun before it is refused.
    const std::int64_t course = second.Json().at("goals").at(0).at("actions").at(0).at("id").as_int64();
    auto headers = world_->SignIn(world_->actor(Role::kCaseWorker));
    headers["Content-Type"] = "application/json";
    const std::string state = "/api/v1/plan-actions/" + std::to_string(course) + "/state";
    EXPECT_EQ(Send("POST", state, R"({"state":"done"})", headers).status, 428);
    headers["If-Match"] = second.headers["etag"];
    auto done = Send("POST", state, R"({"state":"done"})", headers);
    ASSERT_EQ(done.status, 200) << done.body;
    EXPECT_EQ(done.Json().at("goals").at(0).at("actions").at(0).at("state"), "done");
    EXPECT_FALSE(done.Json().at("goals").at(0).at("actions").at(0).at("done_at").is_null());
    EXPECT_EQ(Put(plan, boost::json::serialize(revised), second.headers["etag"]).status, 412);
    const auto timeline = As(Role::kCaseWorker, "GET", plan.substr(0, plan.size() - 5) + "/timeline").Json();
    EXPECT_EQ(timeline.at("items").as_array().back().at("kind"), "plan_action");
    // A mentor reads the plan with the case; she does not change it.
    EXPECT_EQ(As(Role::kMentor, "PUT", plan, ThreeGoals()).status, 403);
}

TEST_F(PlansTest, BadInputNamesTheFieldOrRuleAndWritesNothing) {
    const std::string plan = Open("Amina") + "/plan";
    const std::string other_plan = Open("Leila") + "/plan";
    auto other = Put(other_plan, ThreeGoals(), "\"1\"");
    ASSERT_EQ(other.status, 200) << other.body;
    const std::int64_t foreign_goal = other.Json().at("goals").at(0).at("id").as_int64();
    const std::int64_t foreign_action = other.Json().at("goals").at(0).at("actions").at(0).at("id").as_int64();
    auto with = [&](const std::string& goal_extra, const std::string& action) {
        return R"({"agreed_on":")" + Day(0) +
               R"(","goals":[{"domain":"work","statement":"A job","target":"A contract")" + goal_extra +
               R"(,"actions":[)" + action + "]}]}";
    };
    const std::string due = R"("due_on":")" + Day(3) + R"(")";
    for (const auto& [body, field] : std::vector<std::pair<std::string, std::string>>{
             {R"({"goals":[]})", "agreed_on:required"},
             {R"({"agreed_on":"2027-02-30","goals":[]})", "agreed_on:format"},
             {R"({"agreed_on":")" + Day(0) + R"(","reviews":[")" + Day(-1) + R"("],"goals":[]})",
              "reviews.0:before_start"},
             {R"({"agreed_on":")" + Day(0) + R"(","reviews":[")" + Day(5) + R"(",")" + Day(5) + R"("],"goals":[]})",
              "reviews.1:duplicate"},
             {R"({"agreed_on":")" + Day(0) + R"(","goals":[{"domain":"weather","statement":"x","target":""}]})",
              "goals.0.domain:format"},
             {with("", R"({"title":"CV","owner":"her","due_on":")" + Day(-2) + R"("})"),
              "goals.0.actions.0.due_on:before_start"},
             {with(R"(,"target_score":6)", R"({"title":"CV","owner":"her",)" + due + "}"),
              "goals.0.target_score:too_large"},
             {with("", R"({"title":"","owner":"her",)" + due + "}"), "goals.0.actions.0.title:too_short"},
             {with("", R"({"title":"CV","owner":"worker",)" + due + "}"), "goals.0.actions.0.owner_user_id:required"},
             // Not on her team: as one who does not exist.
             {with("",
                   R"({"title":"CV","owner":"worker","owner_user_id":)" + std::to_string(outsider_) + "," + due + "}"),
              "goals.0.actions.0.owner_user_id:not_found"},
             {with("", R"({"title":"CV","owner":"partner","owner_organization_id":)" +
                           std::to_string(world_->foreign_organization) + "," + due + "}"),
              "goals.0.actions.0.owner_organization_id:not_found"},
             // Another case's goal or action is answered as a missing one.
             {with(R"(,"id":)" + std::to_string(foreign_goal), R"({"title":"CV","owner":"her",)" + due + "}"),
              "goals.0.id:not_found"},
             {with("", R"({"id":)" + std::to_string(foreign_action) + R"(,"title":"CV","owner":"her",)" + due + "}"),
              "goals.0.actions.0.id:not_found"},
         }) {
        auto response = Put(plan, body, "\"1\"");
        EXPECT_EQ(response.status, 422) << body << " " << response.body;
        if (response.status == 422) EXPECT_EQ(FieldError(response), field) << body;
    }
    EXPECT_FALSE(As(Role::kCaseWorker, "GET", plan).Json().at("recorded").as_bool()) << "nothing written";
    EXPECT_EQ(database_->Acquire()->Execute("SELECT COUNT(*) FROM cases_plan_versions").Int(0, 0), 1);

    // A case closed is reopened before its plan changes.
    const std::string closed = Open("Sara");
    auto headers = world_->SignIn(world_->actor(Role::kCaseWorker));
    headers["Content-Type"] = "application/json";
    headers["If-Match"] = "\"1\"";
    ASSERT_EQ(Send("POST", closed + "/moves", R"({"to":"active"})", headers).status, 200);
    headers["If-Match"] = "\"2\"";
    ASSERT_EQ(Send("POST", closed + "/moves", R"({"to":"closed","outcome":"moved_away","reason":"She moved"})", headers)
                  .status,
              200);
    auto refused = Put(closed + "/plan", ThreeGoals(), "\"1\"");
    EXPECT_EQ(refused.status, 422) << refused.body;
    EXPECT_EQ(FieldError(refused), "state:closed");
    // An action named in the path that is not hers to reach is a missing one.
    auto state_headers = world_->SignIn(world_->actor(Role::kCaseWorker));
    state_headers["Content-Type"] = "application/json";
    state_headers["If-Match"] = "\"2\"";
    EXPECT_EQ(Send("POST", "/api/v1/plan-actions/987654321/state", R"({"state":"done"})", state_headers).status, 404);
}

// The caseload finds the cases by the domains of their plans and by their overdue actions.
TEST_F(PlansTest, Caseload_FiltersByDomainAndOverdueActions) {
    const std::string amina = Open("Amina");
    const std::string leila = Open("Leila");
    ASSERT_EQ(Put(amina + "/plan", ThreeGoals(), "\"1\"").status, 200);
    const std::string late = R"({"agreed_on":")" + Day(-10) +
                             R"(","goals":[{"domain":"housing","statement":"A flat",)"
                             R"("target":"A lease","actions":[{"title":"Visit","owner":"her","due_on":")" +
                             Day(-2) + R"("}]}]})";
    ASSERT_EQ(Put(leila + "/plan", late, "\"1\"").status, 200);
    const std::string caseload = "/api/v1/organizations/" + std::to_string(world_->own_organization) + "/cases";
    auto names = [&](const std::string& query) {
        std::vector<std::string> out;
        const auto page = As(Role::kCaseWorker, "GET", caseload + query).Json();
        for (const auto& item : page.at("items").as_array()) out.emplace_back(item.at("chosen_name").as_string());
        return out;
    };
    EXPECT_EQ(names("?domain=work"), std::vector<std::string>{"Amina"});
    EXPECT_EQ(names("?domain=housing"), std::vector<std::string>{"Leila"});
    EXPECT_TRUE(names("?domain=health").empty());
    EXPECT_EQ(names("?overdue_actions=true"), std::vector<std::string>{"Leila"});
    EXPECT_EQ(names("?overdue_actions=false").size(), 2u);
    const auto rows = As(Role::kCaseWorker, "GET", caseload).Json();
    EXPECT_EQ(rows.at("items").at(1).at("overdue_actions").as_int64(), 1);
    EXPECT_EQ(rows.at("items").at(0).at("overdue_actions").as_int64(), 0);
    for (const auto& [query, field] :
         std::vector<std::pair<std::string, std::string>>{{"?domain=weather", "domain:format"},
                                                          {"?overdue_actions=yes", "overdue_actions:format"},
                                                          {"?appointment_before=soon", "appointment_before:format"}}) {
        auto response = As(Role::kCaseWorker, "GET", caseload + query);
        EXPECT_EQ(response.status, 400) << query;
        EXPECT_EQ(FieldError(response), field) << query;
    }
}

TEST_F(PlansTest, PlanPdf_InHerLanguageThenHerWorkers) {
    if (!testing::PdfReader::Available()) GTEST_SKIP() << testing::PdfReader::kMissing;
    const std::string amina = Open("Amina");
    auto headers = world_->SignIn(world_->actor(Role::kCaseWorker));
    headers["Content-Type"] = "application/json";
    headers["If-Match"] = "\"1\"";
    ASSERT_EQ(Send("PUT", amina + "/profile", R"({"languages":[{"language":"ar","level":"native"},
        {"language":"it","level":"basic"}],"children":[]})",
                   headers)
                  .status,
              200);
    ASSERT_EQ(Put(amina + "/plan", ThreeGoals(), "\"1\"").status, 200);
    headers.erase("Content-Type");
    headers.erase("If-Match");
    headers["Accept-Language"] = "it";
    auto pdf = Send("GET", amina + "/plan.pdf", "", headers);
    ASSERT_EQ(pdf.status, 200) << pdf.body;
    EXPECT_EQ(pdf.headers["content-type"], "application/pdf");
    EXPECT_TRUE(pdf.headers["content-disposition"].starts_with("attachment; filename=\"plan-"))
        << pdf.headers["content-disposition"];
    EXPECT_EQ(pdf.headers["content-disposition"].find("Amina"), std::string::npos) << "her code, not her name";
    testing::PdfReader reader;
    const std::string path = reader.Write(pdf.body);
    const std::string text = reader.Text(path);
    for (const char* expected : {"المشروع الشخصي", "Progetto personalizzato", "Speak Italian at work",
                                 "Enrol in the evening course", "Job centre", "Lingua", "Da fare"}) {
        EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;
    }
    EXPECT_LT(text.find("المشروع الشخصي"), text.find("Progetto personalizzato")) << "hers first";
    const auto words = reader.Words(path);
    EXPECT_EQ(testing::PdfReader::Find(words, "Progetto").page, 2) << "her worker's on a page of its own";

    auto english = Send("GET", amina + "/plan.pdf?languages=en", "", headers);
    ASSERT_EQ(english.status, 200);
    const std::string english_text = reader.Text(reader.Write(english.body, "en.pdf"));
    EXPECT_NE(english_text.find("Personalized project"), std::string::npos) << english_text;
    EXPECT_EQ(english_text.find("Progetto"), std::string::npos);
    auto unknown = Send("GET", amina + "/plan.pdf?languages=xx", "", headers);
    EXPECT_EQ(unknown.status, 400);
    EXPECT_EQ(FieldError(unknown), "languages:unknown");
}

}  // namespace
}  // namespace ponte::cases

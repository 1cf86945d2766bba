// The multidisciplinary team over HTTP: a coordinator makes a team with a worker of a partner
// organization; a case is shared with it only with her consent; the team meets on the shared cases
// only, writes minutes (sealed at rest) and turns a decision into an action of her plan; a case no
// longer shared leaves the team's sight.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/accounts/store.hpp"
#include "core/feature.hpp"
#include "core/i18n/local_time.hpp"
#include "core/tenancy/store.hpp"
#include "core/testing/world_test.hpp"
#include "modules/cases/store.hpp"
#include "modules/cases/teams/store.hpp"

namespace ponte::cases {
namespace {

using policy::Role;

class TeamsTest : public testing::WorldTest {
  protected:
    void SetUp() override {
        WorldTest::SetUp();
        database_->Transact([&](db::Connection& connection) {
            const std::int64_t now = core::NowMs();
            partner_ = tenancy::CreateOrganization(connection, "Job centre", "public_body", now);
            tenancy::AddOrganizationToNetwork(connection, world_->own_network, partner_);
            partner_worker_ = Staff(connection, "partner@example.org", partner_);
            foreign_worker_ = Staff(connection, "foreign@example.org", world_->foreign_organization);
            colleague_ = Staff(connection, "colleague@example.org", world_->own_organization);
            foreign_team_ = InsertTeam(connection, world_->foreign_organization, "Foreign team", 0, now);
        });
    }
    static testing::Actor Staff(db::Connection& connection, const std::string& email, std::int64_t organization) {
        const std::int64_t now = core::NowMs();
        testing::Actor actor{.name = email, .role = Role::kCaseWorker};
        actor.user_id = accounts::CreateUser(connection, {.email = email, .display_name = email}, now);
        tenancy::AddMembership(connection, actor.user_id, {.role = Role::kCaseWorker, .organization_id = organization},
                               0, now);
        return actor;
    }
    testing::HttpResult AsStaff(const testing::Actor& actor, std::string_view method, const std::string& path,
                                std::string_view body = "") {
        return Send(method, path, body, world_->SignIn(actor));
    }
    std::int64_t Open(std::string_view name) {
        auto opened = As(Role::kCaseWorker, "POST",
                         "/api/v1/organizations/" + std::to_string(world_->own_organization) + "/cases",
                         boost::json::serialize(boost::json::object{{"chosen_name", name}}));
        EXPECT_EQ(opened.status, 201) << opened.body;
        return opened.Json().at("id").as_int64();
    }
    static std::string Day(int days_from_today) {
        return i18n::IsoDateUtc(core::NowMs() + std::int64_t{days_from_today} * 86'400'000);
    }
    // Agrees a plan of one goal (a home) for the case; returns the goal's id.
    std::int64_t AgreePlan(std::int64_t case_id) {
        const std::string plan = "/api/v1/cases/" + std::to_string(case_id) + "/plan";
        auto current = As(Role::kCaseWorker, "GET", plan);
        EXPECT_EQ(current.status, 200) << current.body;
        auto headers = world_->SignIn(world_->actor(Role::kCaseWorker));
        headers["Content-Type"] = "application/json";
        headers["If-Match"] = current.Header("ETag");
        auto agreed = Send("PUT", plan,
                           boost::json::serialize(
                               boost::json::object{{"agreed_on", Day(0)},
                                                   {"goals", boost::json::array{{{"domain", "housing"},
                                                                                 {"statement", "A home of her own"},
                                                                                 {"target", "A lease in her name"}}}}}),
                           headers);
        EXPECT_EQ(agreed.status, 200) << agreed.body;
        return agreed.Json().at("goals").at(0).at("id").as_int64();
    }

    std::int64_t partner_ = 0;
    testing::Actor partner_worker_;
    testing::Actor foreign_worker_;
    testing::Actor colleague_;
    std::int64_t foreign_team_ = 0;
};

TEST_F(TeamsTest, ATeamOfSeveralOrganizationsMeetsOnTheCasesSharedWithItWithHerConsent) {
    const std::string org = "/api/v1/organizations/" + std::to_string(world_->own_organization);
    EXPECT_EQ(As(Role::kCaseWorker, "POST", org + "/teams", R"({"name":"Équipe REI"})").status, 403);
    auto made = As(Role::kCoordinator, "POST", org + "/teams", R"({"name":"Équipe REI"})");
    ASSERT_EQ(made.status, 201) << made.body;
    const std::int64_t team_id = made.Json().at("id").as_int64();
    const std::string team = "/api/v1/teams/" + std::to_string(team_id);
    EXPECT_EQ(made.Json().at("members").at(0).at("user_id"), world_->actor(Role::kCoordinator).user_id);

    // Members: staff of the organization or of one of its networks; anyone else is not found.
    auto added = As(Role::kCoordinator, "PUT", team + "/members/" + std::to_string(partner_worker_.user_id));
    ASSERT_EQ(added.status, 200) << added.body;
    EXPECT_EQ(added.Json().at("members").at(1).at("organization_id"), partner_);
    const auto missing_member = As(Role::kCoordinator, "PUT", team + "/members/987654321");
    for (std::int64_t nobody : {world_->actor(Role::kParticipant).user_id, foreign_worker_.user_id}) {
        auto refused = As(Role::kCoordinator, "PUT", team + "/members/" + std::to_string(nobody));
        EXPECT_EQ(refused.status, 404) << refused.body;
        EXPECT_EQ(refused.status, missing_member.status);
    }
    EXPECT_EQ(
        As(Role::kCoordinator, "PUT", team + "/members/" + std::to_string(world_->actor(Role::kCaseWorker).user_id))
            .status,
        200);

    // Sharing: only with her consent, and only with a team of the case's organization.
    const std::int64_t hawa = Open("Hawa");
    const std::int64_t leila = Open("Leila");
    const std::string shares = "/api/v1/cases/" + std::to_string(hawa) + "/teams";
    const std::string share_body = R"({"team_id":)" + std::to_string(team_id);
    auto no_consent = As(Role::kCaseWorker, "POST", shares, share_body + "}");
    EXPECT_EQ(no_consent.status, 422);
    EXPECT_EQ(FieldError(no_consent), "consent_method:required");
    for (const std::int64_t other : {foreign_team_, std::int64_t{987654321}}) {
        auto refused = As(Role::kCaseWorker, "POST", shares,
                          R"({"team_id":)" + std::to_string(other) + R"(,"consent_method":"paper"})");
        EXPECT_EQ(refused.status, 422);
        EXPECT_EQ(FieldError(refused), "team_id:not_found");
    }
    auto shared = As(Role::kCaseWorker, "POST", shares, share_body + R"(,"consent_method":"verbal"})");
    ASSERT_EQ(shared.status, 201) << shared.body;
    EXPECT_EQ(shared.Json().at("consent"), "verbal");
    EXPECT_EQ(shared.Json().at("chosen_name"), "Hawa");
    EXPECT_EQ(As(Role::kCaseWorker, "POST", shares, share_body + R"(,"consent_method":"verbal"})").status, 409);
    EXPECT_EQ(As(Role::kCaseWorker, "GET", shares).Json().at("items").as_array().size(), 1u);

    // The partner sees the team and the cases shared with it, never the case itself.
    auto seen = AsStaff(partner_worker_, "GET", team);
    ASSERT_EQ(seen.status, 200) << seen.body;
    ASSERT_EQ(seen.Json().at("cases").as_array().size(), 1u);
    EXPECT_EQ(seen.Json().at("cases").at(0).at("case_id"), hawa);
    const auto listed = AsStaff(partner_worker_, "GET", "/api/v1/teams").Json();
    EXPECT_EQ(listed.at("items").at(0).at("id"), team_id);
    EXPECT_EQ(listed.at("items").at(0).at("members").as_array().size(), 3u);
    EXPECT_EQ(AsStaff(partner_worker_, "GET", "/api/v1/cases/" + std::to_string(hawa)).status, 404);
    // A worker of the organization who is not on the team: as for a missing team.
    EXPECT_EQ(AsStaff(colleague_, "GET", team).status, 404);
    EXPECT_EQ(AsStaff(colleague_, "GET", "/api/v1/teams/987654321").status, 404);

    // A meeting's agenda holds shared cases only.
    const std::string meet = team + "/meetings";
    const std::string when = std::to_string(core::NowMs() + 86'400'000);
    auto unshared =
        AsStaff(partner_worker_, "POST", meet,
                R"({"starts_at":)" + when + R"(,"place":"Town hall","case_ids":[)" + std::to_string(leila) + "]}");
    EXPECT_EQ(unshared.status, 422);
    EXPECT_EQ(FieldError(unshared), "case_ids.0:not_found");
    auto twice = AsStaff(partner_worker_, "POST", meet,
                         R"({"starts_at":)" + when + R"(,"place":"Town hall","case_ids":[)" + std::to_string(hawa) +
                             "," + std::to_string(hawa) + "]}");
    EXPECT_EQ(FieldError(twice), "case_ids.1:duplicate");
    auto meeting =
        AsStaff(partner_worker_, "POST", meet,
                R"({"starts_at":)" + when + R"(,"place":"Town hall","case_ids":[)" + std::to_string(hawa) + "]}");
    ASSERT_EQ(meeting.status, 201) << meeting.body;
    const std::string meeting_path = "/api/v1/meetings/" + std::to_string(meeting.Json().at("id").as_int64());
    const std::string item =
        meeting_path + "/items/" + std::to_string(meeting.Json().at("agenda").at(0).at("id").as_int64());

    // Minutes, sealed at rest.
    auto minutes = AsStaff(partner_worker_, "PUT", item + "/minutes", R"({"minutes":"She starts the cooking course"})");
    ASSERT_EQ(minutes.status, 200) << minutes.body;
    EXPECT_EQ(As(Role::kCaseWorker, "GET", meeting_path).Json().at("agenda").at(0).at("minutes"),
              "She starts the cooking course");
    const std::string stored = database_->Acquire()->Execute("SELECT minutes FROM cases_mdt_agenda").Text(0, 0);
    EXPECT_EQ(stored.find("cooking"), std::string::npos) << "minutes are sealed at rest";
    EXPECT_EQ(AsStaff(colleague_, "PUT", item + "/minutes", R"({"minutes":"x"})").status, 404);

    // A decision becomes an action of her plan, with its owner.
    const std::string decide = item + "/decisions";
    auto no_plan = AsStaff(partner_worker_, "POST", decide,
                           R"({"goal_id":1,"title":"Visit","owner":"her","due_on":")" + Day(10) + R"("})");
    EXPECT_EQ(FieldError(no_plan), "goal_id:not_found");
    const std::int64_t goal = AgreePlan(hawa);
    auto with_goals = AsStaff(partner_worker_, "GET", meeting_path);
    ASSERT_EQ(with_goals.status, 200) << with_goals.body;
    EXPECT_EQ(with_goals.Json().at("agenda").at(0).at("goals").at(0).at("id"), goal);
    EXPECT_EQ(with_goals.Json().at("agenda").at(0).at("goals").at(0).at("statement"), "A home of her own");
    const std::string asked = R"({"goal_id":)" + std::to_string(goal) + R"(,"title":"Meet the housing office",)";
    auto not_on_team = AsStaff(partner_worker_, "POST", decide,
                               asked + R"("owner":"worker","owner_user_id":)" +
                                   std::to_string(partner_worker_.user_id) + R"(,"due_on":")" + Day(10) + R"("})");
    EXPECT_EQ(FieldError(not_on_team), "owner_user_id:not_found") << not_on_team.body;
    auto decided = AsStaff(partner_worker_, "POST", decide,
                           asked + R"("owner":"partner","owner_organization_id":)" + std::to_string(partner_) +
                               R"(,"due_on":")" + Day(10) + R"("})");
    ASSERT_EQ(decided.status, 201) << decided.body;
    const auto action_id = decided.Json().at("plan_action_id");
    auto plan = As(Role::kCaseWorker, "GET", "/api/v1/cases/" + std::to_string(hawa) + "/plan");
    const auto plan_body = plan.Json();
    const auto& actions = plan_body.at("goals").at(0).at("actions");
    ASSERT_EQ(actions.as_array().size(), 1u);
    EXPECT_EQ(actions.at(0).at("id"), action_id);
    EXPECT_EQ(actions.at(0).at("title"), "Meet the housing office");
    EXPECT_EQ(actions.at(0).at("owner_organization_id"), partner_);
    EXPECT_EQ(As(Role::kCaseWorker, "GET", meeting_path).Json().at("agenda").at(0).at("decisions").as_array().size(),
              1u);

    // No longer shared: out of the team's sight.
    auto stop = As(Role::kCaseWorker, "DELETE", shares + "/" + std::to_string(team_id));
    ASSERT_EQ(stop.status, 200) << stop.body;
    EXPECT_TRUE(stop.Json().at("items").as_array().empty());
    EXPECT_TRUE(AsStaff(partner_worker_, "GET", meeting_path).Json().at("agenda").as_array().empty());
    EXPECT_EQ(AsStaff(partner_worker_, "PUT", item + "/minutes", R"({"minutes":"x"})").status, 404);
    EXPECT_EQ(As(Role::kCaseWorker, "DELETE", shares + "/" + std::to_string(team_id)).status, 404);

    // Off the team, the partner no longer reads it.
    EXPECT_EQ(As(Role::kCoordinator, "DELETE", team + "/members/" + std::to_string(partner_worker_.user_id)).status,
              200);
    EXPECT_EQ(AsStaff(partner_worker_, "GET", team).status, 404);
    EXPECT_GT(AuditCount("cases.mdt.read", "ok"), 0);
}

// A woman with an account decides herself: her consent record lets the team see her case, and
// withdrawing it takes the case out of the team's sight at once.
TEST_F(TeamsTest, HerOwnConsentRecordDecidesAndHerWithdrawalEndsTheSharing) {
    const std::string org = "/api/v1/organizations/" + std::to_string(world_->own_organization);
    const auto team_id = As(Role::kCoordinator, "POST", org + "/teams", R"({"name":"Équipe REI"})").Json().at("id");
    const std::string team = "/api/v1/teams/" + boost::json::serialize(team_id);
    const std::int64_t her = world_->actor(Role::kParticipant).user_id;
    const std::int64_t case_id = database_->Transact([&](db::Connection& connection) {
        const std::int64_t now = core::NowMs();
        const std::int64_t woman = CreateWoman(connection, world_->own_organization, "Amina", her, now);
        return OpenCase(connection, woman, State::kActive, world_->actor(Role::kCaseWorker).user_id, now);
    });
    const std::string shares = "/api/v1/cases/" + std::to_string(case_id) + "/teams";
    const std::string body = R"({"team_id":)" + boost::json::serialize(team_id) + "}";
    // The coordinator shares it: the lead worker is not on this team.
    EXPECT_EQ(FieldError(As(Role::kCoordinator, "POST", shares, body)), "consent_method:required");
    const std::string consents = "/api/v1/users/" + std::to_string(her) + "/consents";
    ASSERT_EQ(As(Role::kParticipant, "POST", consents, R"({"purpose":"cases.team_sharing","given":true})").status, 201);
    auto shared = As(Role::kCoordinator, "POST", shares, body);
    ASSERT_EQ(shared.status, 201) << shared.body;
    EXPECT_EQ(shared.Json().at("consent"), "her_record");
    // Shared already: refused, and nothing is added to her consent record either.
    EXPECT_EQ(As(Role::kCoordinator, "POST", shares,
                 R"({"team_id":)" + boost::json::serialize(team_id) + R"(,"consent_method":"paper"})")
                  .status,
              409);
    EXPECT_EQ(database_->Acquire()
                  ->Execute("SELECT COUNT(*) FROM consents_decisions WHERE purpose = 'cases.team_sharing'")
                  .Int(0, 0),
              1);
    EXPECT_EQ(As(Role::kCoordinator, "GET", team).Json().at("cases").as_array().size(), 1u);

    ASSERT_EQ(As(Role::kParticipant, "POST", consents, R"({"purpose":"cases.team_sharing","given":false})").status,
              201);
    EXPECT_TRUE(As(Role::kCoordinator, "GET", team).Json().at("cases").as_array().empty());
    auto meeting = As(Role::kCoordinator, "POST", team + "/meetings",
                      R"({"starts_at":0,"place":"Town hall","case_ids":[)" + std::to_string(case_id) + "]}");
    EXPECT_EQ(FieldError(meeting), "case_ids.0:not_found");
}

// Bad input names the field; nothing is written.
TEST_F(TeamsTest, BadInputNamesTheFieldAndWritesNothing) {
    const std::string org = "/api/v1/organizations/" + std::to_string(world_->own_organization);
    const std::string long_name(201, 'a');
    for (const auto& [body, field] :
         std::vector<std::pair<std::string, std::string>>{{"{}", "name"},
                                                          {R"({"name":""})", "name"},
                                                          {R"({"name":")" + long_name + R"("})", "name"},
                                                          {R"({"name":"A","colour":"red"})", "colour"},
                                                          {R"({"name":7})", "name"}}) {
        auto refused = As(Role::kCoordinator, "POST", org + "/teams", body);
        EXPECT_EQ(refused.status, 422) << body;
        EXPECT_EQ(FieldError(refused).substr(0, field.size()), field) << refused.body;
    }
    EXPECT_EQ(database_->Acquire()->Execute("SELECT COUNT(*) FROM cases_mdt_teams").Int(0, 0), 1) << "the foreign team";

    const auto team_id = As(Role::kCoordinator, "POST", org + "/teams", R"({"name":"Équipe"})").Json().at("id");
    const std::string meet = "/api/v1/teams/" + boost::json::serialize(team_id) + "/meetings";
    for (const auto& [body, field] : std::vector<std::pair<std::string, std::string>>{
             {R"({"starts_at":-1,"place":"Hall","case_ids":[1]})", "starts_at"},
             {R"({"starts_at":0,"place":"","case_ids":[1]})", "place"},
             {R"({"starts_at":0,"place":"Hall","case_ids":[]})", "case_ids"},
             {R"({"starts_at":0,"place":"Hall","case_ids":["one"]})", "case_ids.0"},
             {R"({"starts_at":0,"place":"Hall","case_ids":[1]})", "case_ids.0"}}) {
        auto refused = As(Role::kCoordinator, "POST", meet, body);
        EXPECT_EQ(refused.status, 422) << body;
        EXPECT_EQ(FieldError(refused).substr(0, field.size()), field) << refused.body;
    }
    const std::int64_t case_id = Open("Hawa");
    for (const std::string body : {R"({"team_id":0})", R"({"team_id":1,"consent_method":"email"})", R"({})"}) {
        auto refused = As(Role::kCaseWorker, "POST", "/api/v1/cases/" + std::to_string(case_id) + "/teams", body);
        EXPECT_EQ(refused.status, 422) << body << refused.body;
    }
    auto connection = database_->Acquire();
    EXPECT_EQ(connection->Execute("SELECT COUNT(*) FROM cases_mdt_meetings").Int(0, 0), 0);
    EXPECT_EQ(connection->Execute("SELECT COUNT(*) FROM cases_mdt_shares").Int(0, 0), 0);
}

}  // namespace
}  // namespace ponte::cases

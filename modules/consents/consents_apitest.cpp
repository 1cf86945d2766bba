// Consent records over HTTP: a woman records her own decisions online; staff of her organization
// record decisions she gave on paper or by voice; nobody else sees or records them.
#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/accounts/store.hpp"
#include "core/feature.hpp"
#include "core/tenancy/store.hpp"
#include "core/testing/engine.hpp"
#include "core/testing/http_client.hpp"
#include "core/testing/identities.hpp"
#include "core/testing/server_process.hpp"
#include "core/testing/world_test.hpp"

namespace ponte::consents {
namespace {

using policy::Role;

class ConsentsTest : public testing::WorldTest {
  protected:
    std::string Path(Role role) const {
        return "/api/v1/users/" + std::to_string(world_->actor(role).user_id) + "/consents";
    }
};

TEST_F(ConsentsTest, SheDecidesOnlineAndStaffRecordPaperDecisions) {
    const std::string path = Path(Role::kParticipant);
    auto before = As(Role::kParticipant, "GET", path);
    ASSERT_EQ(before.status, 200) << before.body;
    // Every declared purpose, by name: the news by mail and the sharing of her case with a team.
    auto purpose = [](const boost::json::value& body, std::string_view name) {
        for (const auto& item : body.at("purposes").as_array()) {
            if (item.at("purpose").as_string() == name) return item;
        }
        return boost::json::value(nullptr);
    };
    const auto purposes = before.Json();
    ASSERT_EQ(purposes.at("purposes").as_array().size(), 2u);
    ASSERT_TRUE(purpose(purposes, "mail.news").is_object());
    EXPECT_TRUE(purpose(purposes, "mail.news").at("given").is_null()) << "never asked";
    ASSERT_TRUE(purpose(purposes, "cases.team_sharing").is_object());
    EXPECT_NE(purpose(purposes, "cases.team_sharing").at("description"), "cases.consent.team_sharing")
        << "described in her language";

    EXPECT_EQ(As(Role::kParticipant, "POST", path, R"({"purpose":"mail.news","given":true})").status, 201);
    auto paper = As(Role::kCaseWorker, "POST", path, R"({"purpose":"mail.news","given":false,"method":"paper"})");
    EXPECT_EQ(paper.status, 201) << paper.body;
    auto after = As(Role::kCoordinator, "GET", path);
    ASSERT_EQ(after.status, 200);
    auto body = after.Json();
    EXPECT_EQ(purpose(body, "mail.news").at("given"), false);
    const auto& history = body.at("history").as_array();
    ASSERT_EQ(history.size(), 2u);
    EXPECT_EQ(history[0].at("recorded_by").as_int64(), world_->actor(Role::kParticipant).user_id);
    EXPECT_EQ(history[1].at("recorded_by").as_int64(), world_->actor(Role::kCaseWorker).user_id);
    EXPECT_EQ(history[1].at("method"), "paper");

    // Her own decisions are online; paper is for staff to record.
    auto own_paper = As(Role::kParticipant, "POST", path, R"({"purpose":"mail.news","given":true,"method":"paper"})");
    EXPECT_EQ(own_paper.status, 422);
    // Others of her organization without a staff grant, and foreign staff, do not see her consents.
    EXPECT_EQ(As(Role::kMentor, "GET", path).status, 404);
    EXPECT_EQ(As(Role::kTrainer, "POST", path, R"({"purpose":"mail.news","given":true})").status, 404);
    EXPECT_EQ(As(Role::kNetworkCoordinator, "GET", path).status, 404);
    EXPECT_EQ(
        database_->Acquire()
            ->Execute("SELECT COUNT(*) FROM audit_log WHERE action = 'consents.decision.record' AND outcome = 'ok'")
            .Int(0, 0),
        2);
    EXPECT_GE(
        database_->Acquire()
            ->Execute("SELECT COUNT(*) FROM audit_log WHERE action LIKE 'consents.decision.%' AND outcome = 'denied'")
            .Int(0, 0),
        3);
}

// Consents recorded by staff are for the people the organization serves: a case worker, or even
// an admin, reaches no staff colleague's consents (answered as a missing person), only her own.
TEST_F(ConsentsTest, StaffColleagues_AreOutOfReach_AsIfMissing) {
    const std::string paper = R"({"purpose":"mail.news","given":true,"method":"paper"})";
    for (Role colleague : {Role::kCoordinator, Role::kOrgAdmin, Role::kTrainer}) {
        for (Role as : {Role::kCaseWorker, Role::kCoordinator, Role::kOrgAdmin, Role::kPlatformAdmin}) {
            if (as == colleague) continue;
            auto read = As(as, "GET", Path(colleague));
            auto missing = As(as, "GET", "/api/v1/users/987654321/consents");
            EXPECT_EQ(read.status, 404) << policy::RoleName(as) << " on " << policy::RoleName(colleague);
            EXPECT_EQ(read.body.substr(0, read.body.find("\"instance\"")),
                      missing.body.substr(0, missing.body.find("\"instance\"")));
            EXPECT_EQ(As(as, "POST", Path(colleague), paper).status, 404)
                << policy::RoleName(as) << " on " << policy::RoleName(colleague);
        }
    }
    EXPECT_EQ(As(Role::kCoordinator, "GET", Path(Role::kCoordinator)).status, 200);  // her own
    // A woman served here who volunteers as a trainer elsewhere is still reached here.
    const auto served = world_->NewRecord(false);
    database_->Transact([&](db::Connection& connection) {
        tenancy::AddMembership(connection, served.user_id,
                               {.role = Role::kTrainer, .organization_id = world_->foreign_organization}, 0,
                               core::NowMs());
    });
    EXPECT_EQ(As(Role::kCaseWorker, "GET", "/api/v1/users/" + std::to_string(served.user_id) + "/consents").status,
              200);
    EXPECT_EQ(As(Role::kOrgAdmin, "GET", Path(Role::kParticipant)).status, 200);
}

TEST_F(ConsentsTest, BadInputNamesTheField) {
    const std::string path = Path(Role::kParticipant);
    const std::vector<std::pair<std::string, std::string>> cases = {
        {R"({"method":"paper"})", "purpose:required"},
        {R"({"purpose":"mail.news","method":"paper"})", "given:required"},
        {R"({"purpose":"mail.news","given":"yes","method":"paper"})", "given:type"},
        {R"({"purpose":"ads.everywhere","given":true,"method":"paper"})", "purpose:format"},
        {R"({"purpose":"mail.news","given":true,"method":"telepathy"})", "method:format"},
        {R"({"purpose":"mail.news","given":true,"method":"paper","by":1})", "by:unknown"},
        // Staff never record a decision as if she had clicked it herself.
        {R"({"purpose":"mail.news","given":true,"method":"online"})", "method:format"},
        {R"({"purpose":"mail.news","given":true})", "method:format"},
        {R"({"purpose":")" + std::string(101, 'p') + R"(","given":true,"method":"paper"})", "purpose:too_long"},
    };
    for (const auto& [body, field] : cases) {
        auto response = As(Role::kCaseWorker, "POST", path, body);
        EXPECT_EQ(response.status, 422) << body;
        auto problem = response.Json();
        const auto& error = problem.at("errors").at(0);
        EXPECT_EQ(std::string(error.at("field").as_string()) + ":" + std::string(error.at("code").as_string()), field)
            << body;
    }
    // The rule is told in her language, from the module's own catalogue.
    auto online = Send("POST", path, R"({"purpose":"mail.news","given":true,"method":"online"})", [&] {
        auto headers = world_->SignIn(world_->actor(Role::kCaseWorker));
        headers["Accept-Language"] = "fr";
        return headers;
    }());
    EXPECT_EQ(online.Json().at("detail"),
              "L’équipe n’enregistre que les décisions données sur papier ou oralement : choisissez papier ou oral.");
    EXPECT_EQ(As(Role::kCaseWorker, "GET", "/api/v1/users/987654321/consents").status, 404);
    EXPECT_EQ(As(Role::kCaseWorker, "GET", "/api/v1/users/x/consents").status, 404);
}

}  // namespace
}  // namespace ponte::consents

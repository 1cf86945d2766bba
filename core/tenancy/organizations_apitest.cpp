// Organizations and networks over HTTP with the seeded world: who sees which, who changes them,
// and that joining or leaving a network widens or narrows what its coordinator reaches.
#include "core/tenancy/organizations.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/testing/engine.hpp"
#include "core/testing/http_client.hpp"
#include "core/testing/identities.hpp"
#include "core/testing/server_process.hpp"
#include "core/testing/world_test.hpp"

namespace ponte::tenancy {
namespace {

using policy::Role;

class OrganizationsTest : public testing::WorldTest {
  protected:
    std::vector<std::int64_t> Ids(const testing::HttpResult& list) {
        std::vector<std::int64_t> ids;
        auto body = list.Json();
        for (const auto& item : body.at("items").as_array()) ids.push_back(item.at("id").as_int64());
        return ids;
    }
};

TEST_F(OrganizationsTest, EachRoleSeesOnlyItsOrganizationsAndNetworks) {
    const std::int64_t own = world_->own_organization;
    const std::int64_t foreign = world_->foreign_organization;
    for (Role role : {Role::kParticipant, Role::kCaseWorker, Role::kOrgAdmin, Role::kNetworkCoordinator}) {
        auto list = As(role, "GET", "/api/v1/organizations");
        ASSERT_EQ(list.status, 200);
        EXPECT_EQ(Ids(list), std::vector<std::int64_t>{own}) << policy::RoleName(role);
    }
    auto everything = As(Role::kPlatformAdmin, "GET", "/api/v1/organizations");
    EXPECT_EQ(Ids(everything).size(), 2u);
    auto one = As(Role::kParticipant, "GET", "/api/v1/organizations/" + std::to_string(own));
    ASSERT_EQ(one.status, 200);
    EXPECT_EQ(one.Json().at("network_ids").at(0).as_int64(), world_->own_network);
    EXPECT_EQ(As(Role::kOrgAdmin, "GET", "/api/v1/organizations/" + std::to_string(foreign)).status, 404);

    EXPECT_EQ(Ids(As(Role::kNetworkCoordinator, "GET", "/api/v1/networks")),
              std::vector<std::int64_t>{world_->own_network});
    EXPECT_EQ(Ids(As(Role::kPlatformAdmin, "GET", "/api/v1/networks")).size(), 2u);
    EXPECT_EQ(As(Role::kOrgAdmin, "GET", "/api/v1/networks").status, 403);
}

TEST_F(OrganizationsTest, List_ReadInPages_GivesEachOrganizationOnceThenANullCursor) {
    for (const char* name : {"Biblioteca", "Centro", "Donne"}) {
        ASSERT_EQ(As(Role::kPlatformAdmin, "POST", "/api/v1/organizations",
                     std::string(R"({"kind":"ngo","name":")") + name + "\"}")
                      .status,
                  201);
    }
    const auto all = As(Role::kPlatformAdmin, "GET", "/api/v1/organizations");
    ASSERT_EQ(all.status, 200);
    EXPECT_TRUE(all.Json().at("next_cursor").is_null());
    std::vector<std::int64_t> paged;
    std::string path = "/api/v1/organizations?limit=2";
    int pages = 0;
    for (; pages < 10; ++pages) {
        auto page = As(Role::kPlatformAdmin, "GET", path);
        ASSERT_EQ(page.status, 200) << page.body;
        auto body = page.Json();
        EXPECT_LE(body.at("items").as_array().size(), 2u);
        for (auto id : Ids(page)) paged.push_back(id);
        if (body.at("next_cursor").is_null()) break;
        path = "/api/v1/organizations?limit=2&cursor=" + std::string(body.at("next_cursor").as_string());
    }
    EXPECT_EQ(pages, 2);  // 5 organizations: 2 + 2 + 1
    EXPECT_EQ(paged, Ids(all));
    EXPECT_EQ(paged.size(), 5u);
}

// Bad page parameters are 400 naming the parameter, after the checks of who may ask (a cursor
// never tells a caller more than the first page would).
TEST_F(OrganizationsTest, BadPageParameters_Are400NamingTheParameter) {
    auto first = As(Role::kPlatformAdmin, "GET", "/api/v1/organizations?limit=1");
    ASSERT_EQ(first.status, 200);
    const std::string cursor(first.Json().at("next_cursor").as_string());
    std::string tampered = cursor;
    tampered[cursor.find('.') + 2] = tampered[cursor.find('.') + 2] == 'A' ? 'B' : 'A';
    const std::string members = "/api/v1/organizations/" + std::to_string(world_->own_organization) + "/memberships";
    struct Case {
        Role role;
        std::string path;
        std::string error;
    };
    const Case cases[] = {
        {Role::kPlatformAdmin, "/api/v1/organizations?limit=0", "limit:too_small"},
        {Role::kPlatformAdmin, "/api/v1/organizations?limit=201", "limit:too_large"},
        {Role::kPlatformAdmin, "/api/v1/organizations?limit=ten", "limit:format"},
        {Role::kPlatformAdmin, "/api/v1/organizations?cursor=ten", "cursor:invalid_cursor"},
        {Role::kPlatformAdmin, "/api/v1/organizations?cursor=" + tampered, "cursor:invalid_cursor"},
        // Another caller's cursor, and one of another list.
        {Role::kOrgAdmin, "/api/v1/organizations?cursor=" + cursor, "cursor:invalid_cursor"},
        {Role::kPlatformAdmin, members + "?cursor=" + cursor, "cursor:invalid_cursor"},
        {Role::kPlatformAdmin, members + "?limit=1000", "limit:too_large"},
        {Role::kPlatformAdmin, "/api/v1/networks?limit=0", "limit:too_small"},
        {Role::kPlatformAdmin, "/api/v1/networks?cursor=" + cursor, "cursor:invalid_cursor"},
    };
    for (const auto& c : cases) {
        auto response = As(c.role, "GET", c.path);
        EXPECT_EQ(response.status, 400) << c.path << " " << response.body;
        EXPECT_EQ(response.Header("Content-Type"), "application/problem+json") << c.path;
        EXPECT_EQ(FieldError(response), c.error) << c.path;
    }
    EXPECT_EQ(As(Role::kPlatformAdmin, "GET", "/api/v1/organizations?cursor=" + cursor).status, 200);
}

TEST_F(OrganizationsTest, PlatformAdminsCreateAndLinkAndTheCoordinatorsReachFollows) {
    auto created = As(Role::kPlatformAdmin, "POST", "/api/v1/organizations",
                      R"({"name":"Employment office","kind":"public_body"})");
    ASSERT_EQ(created.status, 201) << created.body;
    const std::int64_t office = created.Json().at("id").as_int64();
    const std::string office_path = "/api/v1/organizations/" + std::to_string(office);
    const std::string network_path = "/api/v1/networks/" + std::to_string(world_->own_network) + "/organizations";
    EXPECT_EQ(As(Role::kNetworkCoordinator, "GET", office_path).status, 404);

    // The coordinator may not widen her own network.
    const std::string body = R"({"organization_id":)" + std::to_string(office) + "}";
    EXPECT_EQ(As(Role::kNetworkCoordinator, "POST", network_path, body).status, 403);
    auto linked = As(Role::kPlatformAdmin, "POST", network_path, body);
    ASSERT_EQ(linked.status, 200) << linked.body;
    EXPECT_EQ(linked.Json().at("organization_ids").as_array().size(), 2u);
    EXPECT_EQ(As(Role::kPlatformAdmin, "POST", network_path, body).status, 409);
    EXPECT_EQ(As(Role::kNetworkCoordinator, "GET", office_path).status, 200);

    EXPECT_EQ(As(Role::kPlatformAdmin, "DELETE", network_path + "/" + std::to_string(office)).status, 204);
    EXPECT_EQ(As(Role::kPlatformAdmin, "DELETE", network_path + "/" + std::to_string(office)).status, 404);
    EXPECT_EQ(As(Role::kNetworkCoordinator, "GET", office_path).status, 404);

    auto network = As(Role::kPlatformAdmin, "POST", "/api/v1/networks", R"({"name":"Coastal network"})");
    EXPECT_EQ(network.status, 201);
    EXPECT_EQ(As(Role::kPlatformAdmin, "POST", "/api/v1/networks", R"({"name":"Coastal network"})").status, 409);
    EXPECT_EQ(database_->Acquire()
                  ->Execute("SELECT COUNT(*) FROM audit_log WHERE action IN ('auth.organization.create', "
                            "'auth.network.create', 'auth.network.link', 'auth.network.unlink') AND outcome = 'ok'")
                  .Int(0, 0),
              4);
}

// A foreign and a missing organization get the same answer and the same work: both audited.
TEST_F(OrganizationsTest, ForeignAndMissingOrganization_AnswerAlikeAndAreBothAudited) {
    auto foreign =
        As(policy::Role::kCaseWorker, "GET", "/api/v1/organizations/" + std::to_string(world_->foreign_organization));
    auto missing = As(policy::Role::kCaseWorker, "GET", "/api/v1/organizations/987654321");
    EXPECT_EQ(foreign.status, 404);
    EXPECT_EQ(foreign.body.substr(0, foreign.body.find("\"instance\"")),
              missing.body.substr(0, missing.body.find("\"instance\"")));
    EXPECT_EQ(AuditCount("auth.organization.read", "denied"), 1);
    EXPECT_EQ(AuditCount("auth.organization.read", "not_found"), 1);
}

TEST_F(OrganizationsTest, NewOrganizationAndNetwork_AnswerEmptyListsAsArrays) {
    auto organization =
        As(Role::kPlatformAdmin, "POST", "/api/v1/organizations", R"({"name":"Food bank","kind":"ngo"})");
    ASSERT_EQ(organization.status, 201) << organization.body;
    EXPECT_TRUE(organization.Json().at("network_ids").is_array()) << organization.body;
    auto network = As(Role::kPlatformAdmin, "POST", "/api/v1/networks", R"({"name":"Hill network"})");
    ASSERT_EQ(network.status, 201) << network.body;
    EXPECT_TRUE(network.Json().at("organization_ids").is_array()) << network.body;
}

TEST_F(OrganizationsTest, BadInputNamesTheField) {
    struct Case {
        std::string path;
        std::string body;
        std::string field;
    };
    const std::string link = "/api/v1/networks/" + std::to_string(world_->own_network) + "/organizations";
    const std::vector<Case> cases = {
        {"/api/v1/organizations", "{}", "name:required"},
        {"/api/v1/organizations", R"({"name":"X","kind":"church"})", "kind:format"},
        {"/api/v1/organizations", R"({"name":")" + std::string(201, 'x') + R"(","kind":"ngo"})", "name:too_long"},
        {"/api/v1/organizations", R"({"name":"X","kind":"ngo","id":4})", "id:unknown"},
        {"/api/v1/organizations", R"({"name":"Food\u0000bank","kind":"ngo"})", "name:control_characters"},
        {"/api/v1/organizations", R"({"name":"\u202e\u200b ","kind":"ngo"})", "name:no_visible_character"},
        {"/api/v1/networks", R"({"name":"North\nnetwork"})", "name:control_characters"},
        {"/api/v1/networks", R"({"name":""})", "name:required"},
        {"/api/v1/networks", R"({"name":5})", "name:type"},
        {link, "{}", "organization_id:required"},
        {link, R"({"organization_id":0})", "organization_id:too_small"},
        {link, R"({"organization_id":987654321})", "organization_id:not_found"},
    };
    for (const auto& c : cases) {
        auto response = As(Role::kPlatformAdmin, "POST", c.path, c.body);
        EXPECT_EQ(response.status, 422) << c.path << " " << c.body;
        EXPECT_EQ(FieldError(response), c.field) << c.path << " " << c.body;
    }
    auto twice =
        As(Role::kPlatformAdmin, "POST", "/api/v1/organizations", R"({"name":"X","kind":"bogus","kind":"ngo"})");
    EXPECT_EQ(twice.status, 400);
    EXPECT_EQ(twice.Json().at("type"), "/problems/malformed-json");
    EXPECT_EQ(
        As(Role::kPlatformAdmin, "POST", "/api/v1/organizations", R"({"name":"Own organization","kind":"ngo"})").status,
        409);
    EXPECT_EQ(As(Role::kPlatformAdmin, "POST", "/api/v1/networks/987654321/organizations", "{}").status, 404);
    EXPECT_EQ(As(Role::kPlatformAdmin, "GET", "/api/v1/organizations/nope").status, 404);
}

}  // namespace
}  // namespace ponte::tenancy

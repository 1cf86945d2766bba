// Membership management over HTTP: bad input, privilege escalation, foreign organizations, and
// accounts of other organizations named in the body (answered exactly as missing ones).
#include "core/tenancy/memberships.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/accounts/store.hpp"
#include "core/feature.hpp"
#include "core/tenancy/store.hpp"
#include "core/testing/engine.hpp"
#include "core/testing/http_client.hpp"
#include "core/testing/identities.hpp"
#include "core/testing/server_process.hpp"

namespace ponte::tenancy {
namespace {

using policy::Role;

class MembershipsTest : public ::testing::Test {
  protected:
    void SetUp() override {
        directory_ = testing::MakeTempDirectory();
        const std::string url = testing::ApiDatabaseUrl(directory_);
        server_ = std::make_unique<testing::ServerProcess>(url);
        database_ = db::Database::Open(url);
        world_ = std::make_unique<testing::Identities>(*database_);
        // A participant of the own organization, to whom its admin gives another role.
        newcomer_ = database_->Transact([&](db::Connection& connection) {
            const std::int64_t id =
                accounts::CreateUser(connection, accounts::User{.display_name = "Newcomer"}, core::NowMs());
            AddMembership(connection, id, {.role = Role::kParticipant, .organization_id = world_->own_organization}, 0,
                          core::NowMs());
            return id;
        });
    }
    void TearDown() override {
        world_.reset();
        database_.reset();
        server_.reset();
        std::filesystem::remove_all(directory_);
    }

    testing::HttpResult Create(Role as, std::int64_t organization, std::string body) {
        auto headers = world_->SignIn(world_->actor(as));
        headers["Content-Type"] = "application/json";
        return testing::HttpClient(server_->port())
            .Send("POST", "/api/v1/organizations/" + std::to_string(organization) + "/memberships", body, headers);
    }
    testing::HttpResult As(Role as, std::string_view path) {
        return testing::HttpClient(server_->port()).Get(std::string(path), world_->SignIn(world_->actor(as)));
    }
    std::string Grant(std::string_view role, std::int64_t user_id = 0) {
        return boost::json::serialize(
            boost::json::object{{"user_id", user_id == 0 ? newcomer_ : user_id}, {"role", role}});
    }
    // The problem without what differs between any two requests.
    static std::string Comparable(const testing::HttpResult& response) {
        auto json = response.Json().as_object();
        json.erase("instance");
        json.erase("request_id");
        return std::to_string(response.status) + " " + boost::json::serialize(json);
    }
    static std::vector<std::string> Fields(const testing::HttpResult& response) {
        std::vector<std::string> out;
        const auto json = response.Json();
        for (const auto& error : json.at("errors").as_array()) {
            out.push_back(std::string(error.at("field").as_string()) + ":" + std::string(error.at("code").as_string()));
        }
        return out;
    }

    std::filesystem::path directory_;
    std::unique_ptr<testing::ServerProcess> server_;
    std::unique_ptr<db::Database> database_;
    std::unique_ptr<testing::Identities> world_;
    std::int64_t newcomer_ = 0;
};

TEST_F(MembershipsTest, OrgAdmin_GrantsAnOrganizationRole_ThenItIsListedAndAudited) {
    auto created = Create(Role::kOrgAdmin, world_->own_organization, Grant("case_worker"));
    ASSERT_EQ(created.status, 201) << created.body;
    EXPECT_EQ(created.Json().at("role"), "case_worker");

    auto headers = world_->SignIn(world_->actor(Role::kOrgAdmin));
    auto list = testing::HttpClient(server_->port())
                    .Get("/api/v1/organizations/" + std::to_string(world_->own_organization) + "/memberships", headers);
    ASSERT_EQ(list.status, 200);
    bool found = false;
    const auto json = list.Json();
    for (const auto& item : json.at("items").as_array()) {
        found = found || (item.at("user_id").as_int64() == newcomer_ && item.at("role") == "case_worker");
    }
    EXPECT_TRUE(found) << list.body;
    auto audited = database_->Acquire()->Execute(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'auth.membership.create' AND outcome = 'ok' AND "
        "actor_user_id = $1",
        {world_->actor(Role::kOrgAdmin).user_id});
    EXPECT_EQ(audited.Int(0, 0), 1);
}

// Network and platform roles are no roles in an organization: the route's schema refuses them.
TEST_F(MembershipsTest, List_ReadInPages_GivesEachMembershipOnceWithTheAccountsETag) {
    const std::string path = "/api/v1/organizations/" + std::to_string(world_->own_organization) + "/memberships";
    auto all = As(Role::kCoordinator, path);
    ASSERT_EQ(all.status, 200) << all.body;
    const auto everything = all.Json().at("items").as_array();
    ASSERT_GE(everything.size(), 7u);  // the seven organization roles of the world
    EXPECT_TRUE(all.Json().at("next_cursor").is_null());
    boost::json::array paged;
    std::string next = path + "?limit=3";
    for (int pages = 0; pages < 10; ++pages) {
        auto page = As(Role::kCoordinator, next);
        ASSERT_EQ(page.status, 200) << page.body;
        auto body = page.Json();
        for (const auto& item : body.at("items").as_array()) {
            EXPECT_EQ(item.at("user_etag"), "\"1\"");
            paged.push_back(item);
        }
        if (body.at("next_cursor").is_null()) break;
        next = path + "?limit=3&cursor=" + std::string(body.at("next_cursor").as_string());
    }
    EXPECT_EQ(paged, everything);
    // A coordinator's cursor is hers: the org admin, on the same list, is refused it.
    auto first = As(Role::kCoordinator, path + "?limit=1");
    const std::string cursor(first.Json().at("next_cursor").as_string());
    auto foreign = As(Role::kOrgAdmin, path + "?cursor=" + cursor);
    EXPECT_EQ(foreign.status, 400);
    EXPECT_EQ(Fields(foreign), std::vector<std::string>{"cursor:invalid_cursor"});
    // A bad cursor tells a caller without access nothing: she gets the answer she gets without one.
    EXPECT_EQ(As(Role::kMentor, path + "?cursor=ten").status, 403);
    const std::string foreign_path =
        "/api/v1/organizations/" + std::to_string(world_->foreign_organization) + "/memberships";
    EXPECT_EQ(As(Role::kCoordinator, foreign_path + "?cursor=ten").status, 404);
}

TEST_F(MembershipsTest, OrgAdmin_CannotGrantNetworkOrPlatformRoles) {
    for (const char* role : {"platform_admin", "network_coordinator"}) {
        auto response = Create(Role::kOrgAdmin, world_->own_organization, Grant(role));
        EXPECT_EQ(response.status, 422) << role;
        EXPECT_EQ(Fields(response), (std::vector<std::string>{"role:format"})) << role;
    }
    // Nor make herself one by naming her own account.
    auto self = Create(Role::kOrgAdmin, world_->own_organization,
                       boost::json::serialize(boost::json::object{{"user_id", world_->actor(Role::kOrgAdmin).user_id},
                                                                  {"role", "platform_admin"}}));
    EXPECT_EQ(self.status, 422);
    auto count =
        database_->Acquire()->Execute("SELECT COUNT(*) FROM tenancy_memberships WHERE role = 'platform_admin'");
    EXPECT_EQ(count.Int(0, 0), 1);  // only the seeded one
}

TEST_F(MembershipsTest, ForeignOrMissingOrganization_Is404) {
    EXPECT_EQ(Create(Role::kOrgAdmin, world_->foreign_organization, Grant("mentor")).status, 404);
    EXPECT_EQ(Create(Role::kOrgAdmin, 987654321, Grant("mentor")).status, 404);
    auto headers = world_->SignIn(world_->actor(Role::kOrgAdmin));
    headers["Content-Type"] = "application/json";
    auto malformed_id = testing::HttpClient(server_->port())
                            .Send("POST", "/api/v1/organizations/abc/memberships", Grant("mentor"), headers);
    EXPECT_EQ(malformed_id.status, 404);
}

TEST_F(MembershipsTest, BadInput_IsProblemNamingTheField) {
    const auto own = world_->own_organization;
    auto unknown_role = Create(Role::kOrgAdmin, own, Grant("wizard"));
    EXPECT_EQ(unknown_role.status, 422);
    EXPECT_EQ(Fields(unknown_role), std::vector<std::string>{"role:format"});
    auto missing = Create(Role::kOrgAdmin, own, "{}");
    EXPECT_EQ(missing.status, 422);
    EXPECT_EQ(Fields(missing), (std::vector<std::string>{"user_id:required", "role:required"}));
    auto wrong_type = Create(Role::kOrgAdmin, own, R"({"user_id":"12","role":"mentor","extra":1})");
    EXPECT_EQ(wrong_type.status, 422);
    EXPECT_EQ(Fields(wrong_type), (std::vector<std::string>{"user_id:type", "extra:unknown"}));
    auto no_user = Create(Role::kOrgAdmin, own, R"({"user_id":987654321,"role":"mentor"})");
    EXPECT_EQ(no_user.status, 422);
    EXPECT_EQ(Fields(no_user), std::vector<std::string>{"user_id:not_found"});
    EXPECT_EQ(Create(Role::kOrgAdmin, own, "{").status, 400);
    ASSERT_EQ(Create(Role::kOrgAdmin, own, Grant("mentor")).status, 201);
    EXPECT_EQ(Create(Role::kOrgAdmin, own, Grant("mentor")).status, 409);
}

TEST_F(MembershipsTest, PlatformAdmin_ManagesAnyOrganization) {
    const auto foreign = world_->NewRecord(true);
    EXPECT_EQ(Create(Role::kPlatformAdmin, world_->foreign_organization, Grant("trainer", foreign.user_id)).status,
              201);
}

// An account of another organization is not the admin's to attach, whatever her role: the
// answer is the one for an account that does not exist, and nothing is written.
TEST_F(MembershipsTest, AccountOfAnotherOrganization_IsAnsweredAsMissingAndNotAttached) {
    const auto foreign = world_->NewRecord(true);
    for (Role as : {Role::kOrgAdmin, Role::kPlatformAdmin}) {
        auto attached = Create(as, world_->own_organization, Grant("participant", foreign.user_id));
        auto missing = Create(as, world_->own_organization, Grant("participant", 987654321));
        EXPECT_EQ(attached.status, 422) << attached.body;
        EXPECT_EQ(Comparable(attached), Comparable(missing));
    }
    auto count = database_->Acquire()->Execute(
        "SELECT COUNT(*) FROM tenancy_memberships WHERE user_id = $1 AND organization_id = $2",
        {foreign.user_id, world_->own_organization});
    EXPECT_EQ(count.Int(0, 0), 0);
    EXPECT_EQ(database_->Acquire()
                  ->Execute("SELECT COUNT(*) FROM audit_log WHERE action = 'auth.membership.create' AND "
                            "outcome = 'not_found'")
                  .Int(0, 0),
              4);
}

// An account whose last membership was removed belongs to nobody: no admin can take her in.
TEST_F(MembershipsTest, AccountWithoutMemberships_ErasedOrDisabled_TakesNoNewRole) {
    const std::int64_t alone = database_->Transact([](db::Connection& connection) {
        return accounts::CreateUser(connection, accounts::User{.display_name = "Alone"}, core::NowMs());
    });
    EXPECT_EQ(Fields(Create(Role::kOrgAdmin, world_->own_organization, Grant("participant", alone))),
              std::vector<std::string>{"user_id:not_found"});
    EXPECT_EQ(Fields(Create(Role::kPlatformAdmin, world_->own_organization, Grant("participant", alone))),
              std::vector<std::string>{"user_id:not_found"});

    const auto disabled = world_->NewRecord(false);
    database_->Transact(
        [&](db::Connection& connection) { accounts::SetDisabled(connection, disabled.user_id, true, core::NowMs()); });
    auto refused = Create(Role::kOrgAdmin, world_->own_organization, Grant("mentor", disabled.user_id));
    EXPECT_EQ(refused.status, 409) << refused.body;

    const auto erased = world_->NewRecord(false);
    database_->Transact([&](db::Connection& connection) {
        connection.Execute("UPDATE accounts_users SET erased_at = 1 WHERE id = $1", {erased.user_id});
    });
    EXPECT_EQ(Fields(Create(Role::kOrgAdmin, world_->own_organization, Grant("mentor", erased.user_id))),
              std::vector<std::string>{"user_id:not_found"});
}

}  // namespace
}  // namespace ponte::tenancy

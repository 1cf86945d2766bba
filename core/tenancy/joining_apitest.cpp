// Joining an organization with an existing account over HTTP: the code is made by staff of the
// organization and accepted by the person herself, signed in; nobody else can spend it for her.
#include "core/tenancy/joining.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/accounts/store.hpp"
#include "core/feature.hpp"
#include "core/tenancy/store.hpp"
#include "core/testing/world_test.hpp"

namespace ponte::tenancy {
namespace {

using policy::Role;

class JoiningTest : public testing::WorldTest {
  protected:
    std::string CodesPath(std::int64_t organization) const {
        return "/api/v1/organizations/" + std::to_string(organization) + "/membership-invitations";
    }
    // A code of the foreign organization's admin for `role`.
    std::string ForeignCode(std::string_view role) {
        auto made = Send("POST", CodesPath(world_->foreign_organization),
                         boost::json::serialize(boost::json::object{{"role", role}}), SignInForeignAdmin());
        EXPECT_EQ(made.status, 201) << made.body;
        return made.status == 201 ? std::string(made.Json().at("code").as_string()) : "";
    }
    std::map<std::string, std::string> SignInForeignAdmin() {
        if (foreign_admin_.user_id == 0) {
            foreign_admin_ = {"foreign admin", Role::kOrgAdmin, database_->Transact([&](db::Connection& connection) {
                                  const std::int64_t id = accounts::CreateUser(
                                      connection, accounts::User{.display_name = "Foreign admin"}, core::NowMs());
                                  AddMembership(
                                      connection, id,
                                      {.role = Role::kOrgAdmin, .organization_id = world_->foreign_organization}, 0,
                                      core::NowMs());
                                  return id;
                              })};
        }
        return world_->SignIn(foreign_admin_);
    }
    testing::HttpResult AcceptAs(Role role, std::string_view code) {
        return As(role, "POST", "/api/v1/membership-invitations/accept",
                  boost::json::serialize(boost::json::object{{"code", code}}));
    }
    std::int64_t Memberships(std::int64_t user_id, std::int64_t organization) {
        return database_->Acquire()
            ->Execute("SELECT COUNT(*) FROM tenancy_memberships WHERE user_id = $1 AND organization_id = $2",
                      {user_id, organization})
            .Int(0, 0);
    }
    testing::Actor foreign_admin_;
};

TEST_F(JoiningTest, SheAcceptsACodeWithHerOwnAccount_ThenHoldsTheRoleThere) {
    const std::string code = ForeignCode("participant");
    const std::int64_t her = world_->actor(Role::kParticipant).user_id;
    EXPECT_EQ(Memberships(her, world_->foreign_organization), 0);  // the code alone attaches nobody

    auto joined = AcceptAs(Role::kParticipant, code);
    ASSERT_EQ(joined.status, 201) << joined.body;
    EXPECT_EQ(joined.Json().at("organization_id").as_int64(), world_->foreign_organization);
    EXPECT_EQ(joined.Json().at("role"), "participant");
    EXPECT_EQ(Memberships(her, world_->foreign_organization), 1);
    EXPECT_EQ(AuditCount("auth.membership.join", "ok"), 1);
    EXPECT_EQ(AuditCount("auth.membership.invite", "ok"), 1);

    // Spent: nobody can use it again, she neither.
    auto again = AcceptAs(Role::kMentor, code);
    EXPECT_EQ(again.status, 422);
    EXPECT_EQ(FieldError(again), "code:invalid_join_code");
    // A second code for the role she holds already: 409, and that code stays unspent for another.
    const std::string second = ForeignCode("participant");
    auto twice = AcceptAs(Role::kParticipant, second);
    EXPECT_EQ(twice.status, 409) << twice.body;
    EXPECT_EQ(AcceptAs(Role::kMentor, second).status, 201);
}

TEST_F(JoiningTest, StaffMakeCodesOnlyForTheirOrganizationAndTheRolesTheyGive) {
    const std::string participant = R"({"role":"participant"})";
    EXPECT_EQ(As(Role::kCaseWorker, "POST", CodesPath(world_->own_organization), participant).status, 201);
    EXPECT_EQ(As(Role::kCaseWorker, "POST", CodesPath(world_->own_organization), R"({"role":"coordinator"})").status,
              403);
    EXPECT_EQ(As(Role::kOrgAdmin, "POST", CodesPath(world_->own_organization), R"({"role":"coordinator"})").status,
              201);
    EXPECT_EQ(As(Role::kParticipant, "POST", CodesPath(world_->own_organization), participant).status, 403);
    auto foreign = As(Role::kOrgAdmin, "POST", CodesPath(world_->foreign_organization), participant);
    auto missing = As(Role::kOrgAdmin, "POST", CodesPath(987654321), participant);
    EXPECT_EQ(foreign.status, 404);
    EXPECT_EQ(foreign.body.substr(0, foreign.body.find("\"instance\"")),
              missing.body.substr(0, missing.body.find("\"instance\"")));
    EXPECT_EQ(AuditCount("auth.membership.invite", "denied"), 2);  // the participant, the foreign organization
    EXPECT_EQ(AuditCount("auth.membership.invite", "not_found"), 1);
}

TEST_F(JoiningTest, BadInput_NamesTheField) {
    const std::string path = CodesPath(world_->own_organization);
    EXPECT_EQ(FieldError(As(Role::kOrgAdmin, "POST", path, R"({"role":"wizard"})")), "role:format");
    EXPECT_EQ(FieldError(As(Role::kOrgAdmin, "POST", path, R"({"role":"platform_admin"})")), "role:format");
    EXPECT_EQ(FieldError(As(Role::kOrgAdmin, "POST", path, "{}")), "role:required");
    EXPECT_EQ(FieldError(As(Role::kOrgAdmin, "POST", path, R"({"role":"mentor","user_id":3})")), "user_id:unknown");
    EXPECT_EQ(As(Role::kOrgAdmin, "POST", path, "[").status, 400);

    EXPECT_EQ(FieldError(AcceptAs(Role::kParticipant, "not a code")), "code:invalid_join_code");
    EXPECT_EQ(FieldError(AcceptAs(Role::kParticipant, "2222-2222-2222-2222-2222")), "code:invalid_join_code");
    EXPECT_EQ(FieldError(As(Role::kParticipant, "POST", "/api/v1/membership-invitations/accept", "{}")),
              "code:required");
    EXPECT_EQ(Send("POST", "/api/v1/membership-invitations/accept", R"({"code":"x"})", {}).status, 401);
    EXPECT_EQ(AuditCount("auth.membership.join", "failed"), 1);
}

// The account-takeover path: an organization removes a member's last membership; another
// organization's admin cannot attach her and then hand out a code to her account.
TEST_F(JoiningTest, FormerMemberOfAnotherOrganization_CannotBeAttachedByAnAdmin) {
    const auto former = world_->NewRecord(true);
    database_->Transact([&](db::Connection& connection) {
        connection.Execute("DELETE FROM tenancy_memberships WHERE user_id = $1", {former.user_id});
    });
    auto attached = As(Role::kOrgAdmin, "POST",
                       "/api/v1/organizations/" + std::to_string(world_->own_organization) + "/memberships",
                       boost::json::serialize(boost::json::object{{"user_id", former.user_id}, {"role", "mentor"}}));
    EXPECT_EQ(attached.status, 422);
    EXPECT_EQ(FieldError(attached), "user_id:not_found");
    auto code = As(Role::kOrgAdmin, "POST", "/api/v1/users/" + std::to_string(former.user_id) + "/invitation", "{}");
    EXPECT_EQ(code.status, 404);
    EXPECT_EQ(Memberships(former.user_id, world_->own_organization), 0);
}

}  // namespace
}  // namespace ponte::tenancy

#include "core/policy/policy.hpp"

#include <gtest/gtest.h>

namespace ponte::policy {
namespace {

Principal With(std::int64_t user_id, std::vector<Membership> memberships) {
    Principal principal;
    principal.user_id = user_id;
    principal.memberships = std::move(memberships);
    return principal;
}

class PolicyTest : public ::testing::Test {
  protected:
    void SetUp() override {
        policy_.Declare("cases.case.read", {{Role::kParticipant, Scope::kOwn},
                                            {Role::kCaseWorker, Scope::kAssigned},
                                            {Role::kCoordinator, Scope::kOrganization},
                                            {Role::kNetworkCoordinator, Scope::kNetwork},
                                            {Role::kPlatformAdmin, Scope::kPlatform}});
    }
    Policy policy_;
    // A case of organization 10 (in network 100), owned by user 1, assigned to user 2.
    Resource case_{.organization_id = 10, .network_ids = {100}, .owner_user_id = 1, .assigned_user_ids = {2}};
};

TEST_F(PolicyTest, Permits_EachScopeCoversOnlyItsRecords) {
    struct Case {
        const char* who;
        Principal principal;
        bool allowed;
    };
    const Case cases[] = {
        {"owner participant", With(1, {{.role = Role::kParticipant, .organization_id = 10}}), true},
        {"other participant", With(9, {{.role = Role::kParticipant, .organization_id = 10}}), false},
        {"assigned case worker", With(2, {{.role = Role::kCaseWorker, .organization_id = 10}}), true},
        {"unassigned case worker", With(3, {{.role = Role::kCaseWorker, .organization_id = 10}}), false},
        {"assigned worker who left the organization", With(2, {{.role = Role::kCaseWorker, .organization_id = 11}}),
         false},
        {"coordinator of the organization", With(4, {{.role = Role::kCoordinator, .organization_id = 10}}), true},
        {"coordinator of another organization", With(4, {{.role = Role::kCoordinator, .organization_id = 11}}), false},
        {"coordinator of the network", With(5, {{.role = Role::kNetworkCoordinator, .network_id = 100}}), true},
        {"coordinator of another network", With(5, {{.role = Role::kNetworkCoordinator, .network_id = 101}}), false},
        {"platform admin", With(6, {{.role = Role::kPlatformAdmin}}), true},
        {"trainer of the organization (no grant)", With(7, {{.role = Role::kTrainer, .organization_id = 10}}), false},
        {"org admin of the organization (no grant)", With(8, {{.role = Role::kOrgAdmin, .organization_id = 10}}),
         false},
    };
    for (const auto& c : cases) {
        EXPECT_EQ(policy_.Permits(&c.principal, "cases.case.read", case_), c.allowed) << c.who;
    }
}

TEST_F(PolicyTest, Permits_AnonymousAndUnknownActions_AreDenied) {
    auto admin = With(6, {{.role = Role::kPlatformAdmin}});
    EXPECT_FALSE(policy_.Permits(nullptr, "cases.case.read", case_));
    EXPECT_FALSE(policy_.Permits(&admin, "cases.case.delete", case_));
    EXPECT_FALSE(policy_.MayEver(&admin, "cases.case.delete"));
    EXPECT_TRUE(policy_.Permits(nullptr, kPublic, case_));
}

TEST_F(PolicyTest, MayEver_NeedsARoleWithSomeGrant) {
    auto trainer = With(7, {{.role = Role::kTrainer, .organization_id = 10}});
    auto worker = With(2, {{.role = Role::kCaseWorker, .organization_id = 10}});
    EXPECT_FALSE(policy_.MayEver(&trainer, "cases.case.read"));
    EXPECT_TRUE(policy_.MayEver(&worker, "cases.case.read"));
    EXPECT_TRUE(policy_.MayEver(&trainer, kSignedIn));
    EXPECT_FALSE(policy_.MayEver(nullptr, kSignedIn));
}

TEST_F(PolicyTest, Declare_TwiceOrMalformed_Throws) {
    EXPECT_THROW(policy_.Declare("cases.case.read", {}), std::logic_error);
    EXPECT_THROW(policy_.Declare("Cases.case.read", {}), std::logic_error);
    EXPECT_THROW(policy_.Declare("cases.read", {}), std::logic_error);
    EXPECT_TRUE(policy_.Knows("cases.case.read"));
    EXPECT_FALSE(policy_.Knows("cases.case.write"));
}

TEST(Roles, NamesRoundTripAndStaffIsTheWorkersAndAdmins) {
    for (Role role : kAllRoles) EXPECT_EQ(ParseRole(RoleName(role)), role);
    EXPECT_EQ(ParseRole("superuser"), std::nullopt);
    EXPECT_FALSE(IsStaff(Role::kParticipant));
    EXPECT_FALSE(IsStaff(Role::kMentor));
    EXPECT_TRUE(IsStaff(Role::kCaseWorker));
    EXPECT_TRUE(IsStaff(Role::kPlatformAdmin));
}

}  // namespace
}  // namespace ponte::policy

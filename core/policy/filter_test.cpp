#include "core/policy/filter.hpp"

#include <gtest/gtest.h>

#include "core/policy/policy.hpp"

namespace ponte::policy {
namespace {

Principal With(std::int64_t user_id, std::vector<Membership> memberships) {
    Principal principal;
    principal.user_id = user_id;
    principal.memberships = std::move(memberships);
    return principal;
}

class FilterTest : public ::testing::Test {
  protected:
    void SetUp() override {
        policy_.Declare("cases.case.read", {{Role::kParticipant, Scope::kOwn},
                                            {Role::kCaseWorker, Scope::kAssigned},
                                            {Role::kCoordinator, Scope::kOrganization},
                                            {Role::kNetworkCoordinator, Scope::kNetwork},
                                            {Role::kPlatformAdmin, Scope::kPlatform}});
    }
    Policy policy_;
    Columns columns_{.organization = "c.organization_id",
                     .owner = "c.owner_user_id",
                     .assigned = "EXISTS (SELECT 1 FROM a WHERE a.case_id = c.id AND a.user_id = {user})"};
};

TEST_F(FilterTest, FilterFor_EachScope_NamesWhatItReaches) {
    const Principal participant = With(1, {{.role = Role::kParticipant, .organization_id = 10}});
    EXPECT_EQ(policy_.FilterFor(&participant, "cases.case.read").owner_user_id, 1);
    EXPECT_TRUE(policy_.FilterFor(&participant, "cases.case.read").organization_ids.empty());

    const Principal worker = With(
        2, {{.role = Role::kCaseWorker, .organization_id = 10}, {.role = Role::kCaseWorker, .organization_id = 11}});
    const Filter assigned = policy_.FilterFor(&worker, "cases.case.read");
    EXPECT_EQ(assigned.assigned_user_id, 2);
    EXPECT_EQ(assigned.assigned_organization_ids, (std::vector<std::int64_t>{10, 11}));
    EXPECT_TRUE(assigned.organization_ids.empty());

    const Principal coordinator = With(3, {{.role = Role::kCoordinator, .organization_id = 10}});
    EXPECT_EQ(policy_.FilterFor(&coordinator, "cases.case.read").organization_ids, std::vector<std::int64_t>{10});

    const Principal network = With(4, {{.role = Role::kNetworkCoordinator, .network_id = 100}});
    EXPECT_EQ(policy_.FilterFor(&network, "cases.case.read").network_ids, std::vector<std::int64_t>{100});

    const Principal admin = With(5, {{.role = Role::kPlatformAdmin}});
    EXPECT_TRUE(policy_.FilterFor(&admin, "cases.case.read").everything);
}

TEST_F(FilterTest, FilterFor_NoGrant_MatchesNothing) {
    const Principal mentor = With(6, {{.role = Role::kMentor, .organization_id = 10}});
    Principal due = With(5, {{.role = Role::kPlatformAdmin}});
    due.second_factor_due = true;
    const Principal admin = With(5, {{.role = Role::kPlatformAdmin}});
    EXPECT_TRUE(policy_.FilterFor(&mentor, "cases.case.read").Empty());
    EXPECT_TRUE(policy_.FilterFor(nullptr, "cases.case.read").Empty());
    EXPECT_TRUE(policy_.FilterFor(&due, "cases.case.read").Empty());
    EXPECT_TRUE(policy_.FilterFor(&admin, "cases.case.undeclared").Empty());
    EXPECT_TRUE(policy_.FilterFor(&admin, kSignedIn).Empty());
    std::vector<db::Value> params;
    EXPECT_EQ(Render(policy_.FilterFor(&mentor, "cases.case.read"), columns_, params), "(1 = 0)");
    EXPECT_TRUE(params.empty());
}

TEST_F(FilterTest, Render_NumbersItsParametersAfterTheStores) {
    const Principal someone = With(7, {{.role = Role::kCoordinator, .organization_id = 10},
                                       {.role = Role::kCaseWorker, .organization_id = 11},
                                       {.role = Role::kNetworkCoordinator, .network_id = 100}});
    std::vector<db::Value> params = {std::string("open")};
    const std::string sql = Render(policy_.FilterFor(&someone, "cases.case.read"), columns_, params);
    EXPECT_EQ(sql,
              "(c.organization_id IN ($2) OR c.organization_id IN (SELECT organization_id FROM "
              "tenancy_network_organizations WHERE network_id IN ($3)) OR (c.organization_id IN ($5) AND "
              "EXISTS (SELECT 1 FROM a WHERE a.case_id = c.id AND a.user_id = $4)))");
    EXPECT_EQ(params, (std::vector<db::Value>{std::string("open"), std::int64_t{10}, std::int64_t{100}, std::int64_t{7},
                                              std::int64_t{11}}));
}

TEST_F(FilterTest, Render_ScopeWithoutItsColumn_MatchesNothing) {
    const Principal participant = With(1, {{.role = Role::kParticipant, .organization_id = 10}});
    const Principal worker = With(2, {{.role = Role::kCaseWorker, .organization_id = 10}});
    std::vector<db::Value> params;
    EXPECT_EQ(Render(policy_.FilterFor(&participant, "cases.case.read"), {.organization = "o.id"}, params), "(1 = 0)");
    EXPECT_EQ(Render(policy_.FilterFor(&worker, "cases.case.read"), {.organization = "o.id"}, params), "(1 = 0)");
    EXPECT_TRUE(params.empty());
}

TEST_F(FilterTest, Render_PlatformScope_MatchesEverything) {
    const Principal admin = With(5, {{.role = Role::kPlatformAdmin}});
    std::vector<db::Value> params;
    EXPECT_EQ(Render(policy_.FilterFor(&admin, "cases.case.read"), columns_, params), "(1 = 1)");
}

TEST_F(FilterTest, Render_NetworkOfTheRecordItself_UsesItsColumn) {
    const Principal network = With(4, {{.role = Role::kNetworkCoordinator, .network_id = 100}});
    std::vector<db::Value> params;
    EXPECT_EQ(Render(policy_.FilterFor(&network, "cases.case.read"), {.network = "n.id"}, params), "(n.id IN ($1))");
}

}  // namespace
}  // namespace ponte::policy

// The filter's SQL against Policy::Permits, on both engines: over a small table of records of every
// kind (in each organization or none, owned by each user or none, assigned to each or none), every
// principal of every role reads exactly the rows Permits allows her, for every scope.
#include "core/policy/filter.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/accounts/store.hpp"
#include "core/policy/policy.hpp"
#include "core/tenancy/store.hpp"
#include "core/testing/application.hpp"
#include "core/testing/engine.hpp"

namespace ponte::policy {
namespace {

constexpr std::string_view kTables = R"(
CREATE TABLE filter_records (id BIGINT PRIMARY KEY, organization_id BIGINT, owner_user_id BIGINT);
CREATE TABLE filter_assignments (record_id BIGINT NOT NULL, user_id BIGINT NOT NULL);
)";

const Columns kColumns{
    .organization = "r.organization_id",
    .owner = "r.owner_user_id",
    .assigned = "EXISTS (SELECT 1 FROM filter_assignments a WHERE a.record_id = r.id AND a.user_id = {user})"};

class FilterDbTest : public testing::EngineTest {
  protected:
    void SetUp() override {
        EngineTest::SetUp();
        if (IsSkipped()) return;
        testing::MigrateAll(database());
        database().Transact([&](db::Connection& connection) {
            connection.ExecuteScript(kTables);
            // Organizations: the first two in the first network, the third in the second, the
            // fourth in both, the fifth in none.
            const std::int64_t first = tenancy::CreateNetwork(connection, "North", 1);
            const std::int64_t second = tenancy::CreateNetwork(connection, "South", 1);
            networks_ = {first, second};
            for (int i = 0; i < 5; ++i) {
                organizations_.push_back(tenancy::CreateOrganization(connection, "Org " + std::to_string(i), "ngo", 1));
            }
            const std::pair<int, std::int64_t> links[] = {{0, first}, {1, first}, {2, second}, {3, first}, {3, second}};
            for (auto [index, network] : links) {
                tenancy::AddOrganizationToNetwork(connection, network, organizations_[index]);
                networks_of_[organizations_[index]].push_back(network);
            }
            // Every combination of organization (or none), owner (or none) and assignees.
            std::int64_t id = 0;
            std::vector<std::int64_t> organizations = organizations_;
            organizations.push_back(0);
            const std::vector<std::vector<std::int64_t>> assignees = {{}, {1}, {2}, {1, 3}};
            for (std::int64_t organization : organizations) {
                for (std::int64_t owner : {0, 1, 2, 3}) {
                    for (const auto& assigned : assignees) {
                        ++id;
                        connection.Execute(
                            "INSERT INTO filter_records (id, organization_id, owner_user_id) "
                            "VALUES ($1, $2, $3)",
                            {id, db::NullIfZero(organization), db::NullIfZero(owner)});
                        for (std::int64_t user : assigned) {
                            connection.Execute("INSERT INTO filter_assignments (record_id, user_id) VALUES ($1, $2)",
                                               {id, user});
                        }
                        resources_[id] = Resource{.organization_id = organization,
                                                  .network_ids = networks_of_[organization],
                                                  .owner_user_id = owner,
                                                  .assigned_user_ids = assigned};
                    }
                }
            }
        });
        // One action per scope, granted to every role, and one that mixes them as a module would.
        const std::pair<const char*, Scope> scopes[] = {{"test.record.own", Scope::kOwn},
                                                        {"test.record.assigned", Scope::kAssigned},
                                                        {"test.record.organization", Scope::kOrganization},
                                                        {"test.record.network", Scope::kNetwork},
                                                        {"test.record.platform", Scope::kPlatform}};
        for (auto [action, scope] : scopes) {
            std::vector<Grant> grants;
            for (Role role : kAllRoles) grants.push_back({role, scope});
            policy_.Declare(action, grants);
            actions_.emplace_back(action);
        }
        policy_.Declare("test.record.read", {{Role::kParticipant, Scope::kOwn},
                                             {Role::kCaseWorker, Scope::kAssigned},
                                             {Role::kCoordinator, Scope::kOrganization},
                                             {Role::kNetworkCoordinator, Scope::kNetwork},
                                             {Role::kPlatformAdmin, Scope::kPlatform}});
        actions_.emplace_back("test.record.read");
    }

    // Each role held by each of users 1 to 3, in the first and in the fourth organization (or the
    // first network, or the platform); someone with several roles; and those who hold none.
    std::vector<Principal> Principals() const {
        std::vector<Principal> out;
        for (std::int64_t user : {1, 2, 3}) {
            for (Role role : kAllRoles) {
                for (int place : {0, 3}) {
                    Principal principal;
                    principal.user_id = user;
                    Membership membership{.role = role};
                    if (IsOrganizationRole(role)) membership.organization_id = organizations_[place];
                    if (role == Role::kNetworkCoordinator) membership.network_id = networks_[place == 0 ? 0 : 1];
                    principal.memberships.push_back(membership);
                    out.push_back(principal);
                }
            }
        }
        Principal several;
        several.user_id = 1;
        several.memberships = {{.role = Role::kParticipant, .organization_id = organizations_[2]},
                               {.role = Role::kCaseWorker, .organization_id = organizations_[1]},
                               {.role = Role::kCoordinator, .organization_id = organizations_[4]},
                               {.role = Role::kNetworkCoordinator, .network_id = networks_[1]}};
        out.push_back(several);
        Principal none;
        none.user_id = 2;
        out.push_back(none);
        Principal due = out.back();
        due.memberships = {{.role = Role::kPlatformAdmin}};
        due.second_factor_due = true;
        out.push_back(due);
        return out;
    }

    std::set<std::int64_t> Selected(const Filter& filter) {
        std::vector<db::Value> params = {std::int64_t{0}};  // a store's own parameter comes first
        const std::string where = Render(filter, kColumns, params);
        auto rows =
            database().Acquire()->Execute("SELECT r.id FROM filter_records r WHERE r.id > $1 AND " + where, params);
        std::set<std::int64_t> ids;
        for (std::size_t row = 0; row < rows.size(); ++row) ids.insert(rows.Int(row, 0));
        return ids;
    }

    Policy policy_;
    std::vector<std::string> actions_;
    std::vector<std::int64_t> organizations_;
    std::vector<std::int64_t> networks_;
    std::map<std::int64_t, std::vector<std::int64_t>> networks_of_;
    std::map<std::int64_t, Resource> resources_;
};

TEST_P(FilterDbTest, EveryPrincipalEveryScope_SelectsExactlyWhatPermitsAllows) {
    std::size_t nonempty = 0;
    for (const std::string& action : actions_) {
        for (const Principal& principal : Principals()) {
            std::set<std::int64_t> permitted;
            for (const auto& [id, resource] : resources_) {
                if (policy_.Permits(&principal, action, resource)) permitted.insert(id);
            }
            const auto selected = Selected(policy_.FilterFor(&principal, action));
            EXPECT_EQ(selected, permitted)
                << action << " for user " << principal.user_id << " as "
                << (principal.memberships.empty() ? "nobody" : RoleName(principal.memberships.front().role));
            if (!permitted.empty() && permitted.size() < resources_.size()) ++nonempty;
        }
    }
    EXPECT_GT(nonempty, 50u);  // the comparison is not between empty (or full) sets only
}

TEST_P(FilterDbTest, Anonymous_SelectsNothing) {
    for (const std::string& action : actions_) EXPECT_TRUE(Selected(policy_.FilterFor(nullptr, action)).empty());
}

PONTE_INSTANTIATE_ENGINES(FilterDbTest);

}  // namespace
}  // namespace ponte::policy

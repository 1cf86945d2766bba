// The organization and membership lists on both engines: for every role of the test world, the
// pages together hold exactly the records Policy::Permits lets her read, each page is one
// statement, and pages neither repeat nor skip a record when others are inserted meanwhile.
#include "core/tenancy/listings.hpp"

#include <gtest/gtest.h>

#include <set>

#include "core/accounts/store.hpp"
#include "core/policy/policy.hpp"
#include "core/tenancy/store.hpp"
#include "core/testing/application.hpp"
#include "core/testing/counting_connection.hpp"
#include "core/testing/engine.hpp"
#include "core/testing/identities.hpp"

namespace ponte::tenancy {
namespace {

using policy::Role;

using testing::CountingConnection;

class ListingsTest : public testing::EngineTest {
  protected:
    void SetUp() override {
        EngineTest::SetUp();
        if (IsSkipped()) return;
        testing::MigrateAll(database());
        application_ = testing::Application();
        world_ = std::make_unique<testing::Identities>(database());
        // More organizations, in the own network, the foreign one, both or none, with members.
        database().Transact([&](db::Connection& connection) {
            const std::int64_t networks[][2] = {{world_->own_network, 0},
                                                {world_->foreign_network, 0},
                                                {world_->own_network, world_->foreign_network},
                                                {0, 0}};
            for (int i = 0; i < 8; ++i) {
                const std::int64_t id =
                    CreateOrganization(connection, "Association " + std::to_string(7 - i), "ngo", 1);
                for (std::int64_t network : networks[i % 4]) {
                    if (network != 0) AddOrganizationToNetwork(connection, network, id);
                }
            }
            for (int i = 0; i < 5; ++i) {
                for (std::int64_t organization : {world_->own_organization, world_->foreign_organization}) {
                    const std::int64_t user = accounts::CreateUser(
                        connection,
                        {.email = "m" + std::to_string(i) + "-" + std::to_string(organization) + "@example.org",
                         .display_name = "Member"},
                        1);
                    AddMembership(connection, user, {.role = Role::kMentor, .organization_id = organization}, 0, 1);
                }
            }
        });
    }

    const policy::Policy& policy() const { return application_->policy(); }

    const policy::Principal* Caller(const testing::Actor& actor, policy::Principal& storage) const {
        return world_->Caller(actor, storage);
    }

    // Every page of the organization list, `limit` at a time; each page must be one statement.
    std::vector<std::int64_t> AllOrganizations(const policy::Filter& filter, std::int64_t limit) {
        std::vector<std::int64_t> ids;
        core::PageRequest page{.limit = limit};
        for (int pages = 0; pages < 100; ++pages) {
            db::Lease lease = database().Acquire();
            CountingConnection connection(*lease);
            auto result = SelectOrganizations(connection, filter, page);
            EXPECT_EQ(connection.statements, 1);
            EXPECT_LE(static_cast<std::int64_t>(result.items.size()), limit);
            for (const auto& item : result.items) {
                EXPECT_EQ(item.network_ids, NetworksOf(*lease, item.id)) << item.name;
                ids.push_back(item.id);
            }
            if (!result.next) break;
            page.after = result.next;
        }
        return ids;
    }

    std::vector<std::int64_t> AllMembers(std::int64_t organization, const policy::Filter& filter, std::int64_t limit) {
        std::vector<std::int64_t> ids;
        core::PageRequest page{.limit = limit};
        for (int pages = 0; pages < 100; ++pages) {
            db::Lease lease = database().Acquire();
            CountingConnection connection(*lease);
            auto result = SelectMembers(connection, organization, filter, page);
            EXPECT_EQ(connection.statements, 1);
            for (const auto& item : result.items) ids.push_back(item.id);
            if (!result.next) break;
            page.after = result.next;
        }
        return ids;
    }

    std::unique_ptr<core::Registry> application_;
    std::unique_ptr<testing::Identities> world_;
};

TEST_P(ListingsTest, Organizations_EveryRole_ReadsExactlyThoseItMayReadInNameOrder) {
    auto rows = database().Acquire()->Execute("SELECT id FROM tenancy_organizations ORDER BY name, id");
    for (const auto& actor : world_->actors()) {
        policy::Principal storage;
        const policy::Principal* caller = Caller(actor, storage);
        std::vector<std::int64_t> permitted;
        for (std::size_t row = 0; row < rows.size(); ++row) {
            const std::int64_t id = rows.Int(row, 0);
            const policy::Resource resource{.organization_id = id,
                                            .network_ids = NetworksOf(*database().Acquire(), id)};
            if (policy().Permits(caller, "auth.organization.read", resource)) permitted.push_back(id);
        }
        const policy::Filter filter = policy().FilterFor(caller, "auth.organization.read");
        for (std::int64_t limit : {1, 3, 200}) {
            EXPECT_EQ(AllOrganizations(filter, limit), permitted) << actor.name << " limit " << limit;
        }
        if (actor.role == Role::kNetworkCoordinator) {
            EXPECT_EQ(permitted.size(), 5u);  // own + 4 of its network
        }
        if (actor.role == Role::kPlatformAdmin) {
            EXPECT_EQ(permitted.size(), rows.size());
        }
    }
}

TEST_P(ListingsTest, Networks_EveryRole_ReadsExactlyThoseItMayRead_OneStatementAPage) {
    database().Transact([](db::Connection& connection) {
        for (const char* name : {"Coast", "Hills", "Valley"}) CreateNetwork(connection, name, 1);
    });
    auto rows = database().Acquire()->Execute("SELECT id FROM tenancy_networks ORDER BY name, id");
    for (const auto& actor : world_->actors()) {
        policy::Principal storage;
        const policy::Principal* caller = Caller(actor, storage);
        std::vector<std::int64_t> permitted;
        for (std::size_t row = 0; row < rows.size(); ++row) {
            if (policy().Permits(caller, "auth.network.read", {.network_ids = {rows.Int(row, 0)}})) {
                permitted.push_back(rows.Int(row, 0));
            }
        }
        const policy::Filter filter = policy().FilterFor(caller, "auth.network.read");
        for (std::int64_t limit : {1, 200}) {
            std::vector<std::int64_t> ids;
            core::PageRequest page{.limit = limit};
            for (int pages = 0; pages < 20; ++pages) {
                db::Lease lease = database().Acquire();
                CountingConnection connection(*lease);
                auto result = SelectNetworks(connection, filter, page);
                EXPECT_EQ(connection.statements, 1);
                for (const auto& item : result.items) ids.push_back(item.id);
                if (!result.next) break;
                page.after = result.next;
            }
            EXPECT_EQ(ids, permitted) << actor.name << " limit " << limit;
        }
        if (actor.role == Role::kPlatformAdmin) {
            EXPECT_EQ(permitted.size(), rows.size());
        }
        if (actor.role == Role::kNetworkCoordinator) {
            EXPECT_EQ(permitted, std::vector<std::int64_t>{world_->own_network});
        }
    }
}

TEST_P(ListingsTest, Members_EveryRole_ReadsExactlyThoseItMayRead) {
    for (std::int64_t organization : {world_->own_organization, world_->foreign_organization}) {
        auto rows = database().Acquire()->Execute(
            "SELECT m.id FROM tenancy_memberships m JOIN accounts_users u ON u.id = m.user_id "
            "WHERE m.organization_id = $1 AND u.erased_at IS NULL ORDER BY m.id",
            {organization});
        const policy::Resource resource{.organization_id = organization,
                                        .network_ids = NetworksOf(*database().Acquire(), organization)};
        for (const auto& actor : world_->actors()) {
            policy::Principal storage;
            const policy::Principal* caller = Caller(actor, storage);
            std::vector<std::int64_t> permitted;
            if (policy().Permits(caller, "auth.membership.list", resource)) {
                for (std::size_t row = 0; row < rows.size(); ++row) permitted.push_back(rows.Int(row, 0));
            }
            const policy::Filter filter = policy().FilterFor(caller, "auth.membership.list");
            for (std::int64_t limit : {2, 200}) {
                EXPECT_EQ(AllMembers(organization, filter, limit), permitted) << actor.name << " limit " << limit;
            }
        }
    }
}

TEST_P(ListingsTest, Members_CarryTheAccountsVersion) {
    policy::Principal storage;
    const auto filter =
        policy().FilterFor(Caller(world_->actor(Role::kPlatformAdmin), storage), "auth.membership.list");
    const auto& participant = world_->actor(Role::kParticipant);
    database().Transact(
        [&](db::Connection& connection) { accounts::SetDisabled(connection, participant.user_id, true, 2); });
    auto page = SelectMembers(*database().Acquire(), world_->own_organization, filter, {});
    bool found = false;
    for (const auto& member : page.items) {
        EXPECT_EQ(member.user_version, member.user_id == participant.user_id ? 2 : 1) << member.display_name;
        if (member.user_id == participant.user_id) found = member.disabled;
    }
    EXPECT_TRUE(found);
}

TEST_P(ListingsTest, NextPage_AfterInsertsBeforeAndAfterTheCursor_NeitherRepeatsNorSkips) {
    policy::Principal storage;
    const auto filter =
        policy().FilterFor(Caller(world_->actor(Role::kPlatformAdmin), storage), "auth.organization.read");
    const auto everything = AllOrganizations(filter, 200);
    auto first = SelectOrganizations(*database().Acquire(), filter, {.limit = 4});
    ASSERT_EQ(first.items.size(), 4u);
    ASSERT_TRUE(first.next);
    database().Transact([&](db::Connection& connection) {
        CreateOrganization(connection, "AAA first of all", "ngo", 3);  // sorts before the cursor
        CreateOrganization(connection, "ZZZ last of all", "ngo", 3);   // after it
    });
    std::vector<std::int64_t> read;
    for (const auto& item : first.items) read.push_back(item.id);
    core::PageRequest page{.limit = 4, .after = first.next};
    for (;;) {
        auto next = SelectOrganizations(*database().Acquire(), filter, page);
        for (const auto& item : next.items) read.push_back(item.id);
        if (!next.next) break;
        page.after = next.next;
    }
    ASSERT_EQ(read.size(), everything.size() + 1);  // the one inserted after the cursor, once
    EXPECT_TRUE(std::equal(everything.begin(), everything.end(), read.begin()));
    EXPECT_EQ(std::set<std::int64_t>(read.begin(), read.end()).size(), read.size());
}

PONTE_INSTANTIATE_ENGINES(ListingsTest);

}  // namespace
}  // namespace ponte::tenancy

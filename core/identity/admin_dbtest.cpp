// The first platform administrator on real storage (both engines): made once, with an invitation
// and an audit entry; refused while an enabled administrator exists unless forced.
#include "core/identity/admin.hpp"

#include <gtest/gtest.h>

#include "core/accounts/store.hpp"
#include "core/crypto/random.hpp"
#include "core/db/migrate.hpp"
#include "core/identity/seed.hpp"
#include "core/tenancy/store.hpp"
#include "core/testing/application.hpp"
#include "core/testing/engine.hpp"

namespace ponte::identity {
namespace {

constexpr std::int64_t kNow = 1'800'000'000'000;

class AdminTest : public testing::EngineTest {
  protected:
    void SetUp() override {
        EngineTest::SetUp();
        if (IsSkipped()) return;
        testing::MigrateAll(database());
    }
    std::variant<CreatedAdmin, AdminRefusal> Create(std::string email, bool force = false) {
        return CreatePlatformAdmin(database(), {.email = std::move(email), .display_name = "Amina", .force = force},
                                   kNow);
    }
    std::int64_t Count(std::string_view sql) { return database().Acquire()->Execute(sql).Int(0, 0); }
};

TEST_P(AdminTest, FirstAdmin_HasNoPasswordAMembershipAnInvitationAndAnAuditEntry) {
    auto outcome = Create(" Amina@Example.ORG ");
    ASSERT_TRUE(std::holds_alternative<CreatedAdmin>(outcome));
    const auto& created = std::get<CreatedAdmin>(outcome);
    auto connection = database().Acquire();
    auto user = accounts::FindUser(*connection, created.user_id);
    ASSERT_TRUE(user);
    EXPECT_EQ(user->email, "amina@example.org");
    EXPECT_TRUE(user->password_hash.empty());
    auto memberships = tenancy::ListMemberships(*connection, created.user_id);
    ASSERT_EQ(memberships.size(), 1u);
    EXPECT_EQ(memberships[0].role, policy::Role::kPlatformAdmin);
    auto invitation =
        connection->Execute("SELECT user_id, expires_at, created_by FROM accounts_invitations WHERE digest = $1",
                            {crypto::Sha256Hex(created.invitation.code)});
    ASSERT_EQ(invitation.size(), 1u);
    EXPECT_EQ(invitation.Int(0, 0), created.user_id);
    EXPECT_EQ(invitation.Int(0, 1), kNow + accounts::kInvitationLifetime.count());
    EXPECT_TRUE(invitation.IsNull(0, 2));
    auto audit = connection->Execute("SELECT resource_id, detail FROM audit_log WHERE action = 'auth.admin.create'");
    ASSERT_EQ(audit.size(), 1u);
    EXPECT_EQ(audit.Text(0, 0), std::to_string(created.user_id));
    EXPECT_EQ(audit.Text(0, 1), R"({"forced":false})");
}

TEST_P(AdminTest, SecondAdmin_IsRefusedUnlessForced) {
    ASSERT_TRUE(std::holds_alternative<CreatedAdmin>(Create("first@example.org")));
    auto refused = Create("second@example.org");
    ASSERT_TRUE(std::holds_alternative<AdminRefusal>(refused));
    EXPECT_EQ(std::get<AdminRefusal>(refused), AdminRefusal::kAdminExists);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM accounts_users"), 1);

    auto forced = Create("second@example.org", true);
    ASSERT_TRUE(std::holds_alternative<CreatedAdmin>(forced));
    EXPECT_EQ(Count("SELECT COUNT(*) FROM tenancy_memberships WHERE role = 'platform_admin'"), 2);
    EXPECT_EQ(
        Count("SELECT COUNT(*) FROM audit_log WHERE action = 'auth.admin.create' AND detail = '{\"forced\":true}'"), 1);
}

TEST_P(AdminTest, OnlyAdminDisabled_AnotherIsMadeWithoutForce) {
    auto first = Create("first@example.org");
    ASSERT_TRUE(std::holds_alternative<CreatedAdmin>(first));
    accounts::SetDisabled(*database().Acquire(), std::get<CreatedAdmin>(first).user_id, true, kNow);
    EXPECT_TRUE(std::holds_alternative<CreatedAdmin>(Create("second@example.org")));
}

TEST_P(AdminTest, TakenOrBadEmailOrName_IsRefusedAndChangesNothing) {
    accounts::CreateUser(*database().Acquire(), {.email = "taken@example.org", .display_name = "Someone"}, kNow);
    auto taken = Create("TAKEN@example.org", true);
    ASSERT_TRUE(std::holds_alternative<AdminRefusal>(taken));
    EXPECT_EQ(std::get<AdminRefusal>(taken), AdminRefusal::kEmailTaken);
    auto bad = Create("not an address");
    ASSERT_TRUE(std::holds_alternative<AdminRefusal>(bad));
    EXPECT_EQ(std::get<AdminRefusal>(bad), AdminRefusal::kInvalidEmail);
    auto unnamed = CreatePlatformAdmin(database(), {.email = "a@example.org", .display_name = ""}, kNow);
    ASSERT_TRUE(std::holds_alternative<AdminRefusal>(unnamed));
    EXPECT_EQ(std::get<AdminRefusal>(unnamed), AdminRefusal::kInvalidName);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM accounts_users"), 1);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM accounts_invitations"), 0);
}

TEST_P(AdminTest, DemoAccounts_CountedWhileTheyKeepTheDemoPassword) {
    // The cheapest Argon2id cost: the count verifies with each hash's own cost.
    crypto::PasswordHasher hasher({.passes = 1, .memory_bytes = 8 << 10});
    auto connection = database().Acquire();
    EXPECT_EQ(identity::CountDemoPasswordAccounts(*connection, hasher), 0);
    core::DemoWorld world{.now_ms = kNow};
    database().Transact([&](db::Connection& seeding) { identity::SeedDemo(seeding, world); });
    ASSERT_EQ(world.accounts.size(), 9u);
    EXPECT_EQ(identity::CountDemoPasswordAccounts(*connection, hasher), 9);

    auto participant = accounts::FindUserByEmail(*connection, "participant@demo.ponte.example");
    ASSERT_TRUE(participant);
    accounts::SetPasswordHash(*connection, participant->id, hasher.Hash("her own long passphrase"), kNow);
    auto mentor = accounts::FindUserByEmail(*connection, "mentor@demo.ponte.example");
    ASSERT_TRUE(mentor);
    accounts::SetDisabled(*connection, mentor->id, true, kNow);
    // An account outside the demo domain is not looked at, whatever its password.
    accounts::CreateUser(
        *connection, {.email = "real@example.org", .display_name = "Real", .password_hash = hasher.Hash("x")}, kNow);
    EXPECT_EQ(identity::CountDemoPasswordAccounts(*connection, hasher), 7);
}

TEST(AdminLink, InvitationLink_PutsTheCodeInTheFragment) {
    EXPECT_EQ(InvitationLink("https://ponte.example.org/", "ABCD-EFGH"), "https://ponte.example.org/invite#ABCD-EFGH");
    EXPECT_EQ(InvitationLink("http://127.0.0.1:8080", "X"), "http://127.0.0.1:8080/invite#X");
}

PONTE_INSTANTIATE_ENGINES(AdminTest);

}  // namespace
}  // namespace ponte::identity

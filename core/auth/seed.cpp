#include "core/auth/seed.hpp"

#include "core/audit/audit.hpp"
#include "core/auth/accounts.hpp"
#include "core/auth/auth.hpp"
#include "core/feature.hpp"

namespace ponte::auth {
namespace {

// The demo accounts are found by their domain rather than by verifying the demo password against
// every account's hash: a verification costs about 0.1 s, so checking every account of a large
// installation at each start would take minutes, while the demo domain bounds the check to the
// nine accounts the seed made. Nobody can change an account's email to or from that domain (only
// erasure clears an email), and an account outside it that a person gave the demo password is a
// weak password like any other, which the password rules refuse. A schema column marking seeded
// accounts would say the same as the domain, with a migration.
constexpr std::string_view kSelectDemoAccounts =
    "SELECT password_hash FROM auth_users WHERE email LIKE $1 AND password_hash IS NOT NULL AND disabled = 0";

}  // namespace

std::vector<DemoAccount> SeedDemo(db::Database& database, crypto::PasswordHasher& hasher) {
    if (database.Acquire()->Execute("SELECT COUNT(*) FROM auth_users").Int(0, 0) > 0) return {};
    const std::string hash = hasher.Hash(kDemoPassword);
    return database.Transact([&](db::Connection& connection) {
        const std::int64_t now = core::NowMs();
        std::vector<DemoAccount> accounts;
        const std::int64_t network = CreateNetwork(connection, "Empolese Valdelsa network (demo)", now);
        struct Org {
            const char* name;
            const char* kind;
            std::int64_t id = 0;
        };
        Org orgs[] = {{"Empoli social services (demo)", "social_service"},
                      {"Ponte women's association (demo)", "association"},
                      {"Valdelsa training centre (demo)", "training_provider"}};
        for (auto& org : orgs) {
            org.id = CreateOrganization(connection, org.name, org.kind, now);
            AddOrganizationToNetwork(connection, network, org.id);
        }
        const std::pair<policy::Role, int> roles[] = {
            {policy::Role::kParticipant, 0},   {policy::Role::kCommunityMember, 1},
            {policy::Role::kMentor, 1},        {policy::Role::kCaseWorker, 0},
            {policy::Role::kTrainer, 2},       {policy::Role::kCoordinator, 0},
            {policy::Role::kOrgAdmin, 0},      {policy::Role::kNetworkCoordinator, -1},
            {policy::Role::kPlatformAdmin, -1}};
        for (auto [role, org] : roles) {
            const std::string name(policy::RoleName(role));
            User user{
                .email = name + "@" + std::string(kDemoDomain), .display_name = "Demo " + name, .password_hash = hash};
            const std::int64_t id = CreateUser(connection, user, now);
            policy::Membership membership{.role = role};
            if (org >= 0) membership.organization_id = orgs[org].id;
            if (role == policy::Role::kNetworkCoordinator) membership.network_id = network;
            AddMembership(connection, id, membership, 0, now);
            accounts.push_back({user.email, name, org >= 0 ? orgs[org].name : ""});
        }
        audit::Append(connection, {.action = "auth.seed_demo", .outcome = "ok", .detail = "{\"accounts\":9}"}, now);
        return accounts;
    });
}

std::int64_t CountDemoPasswordAccounts(db::Connection& connection, crypto::PasswordHasher& hasher) {
    auto rows = connection.Execute(kSelectDemoAccounts, {"%@" + std::string(kDemoDomain)});
    std::int64_t count = 0;
    for (std::size_t row = 0; row < rows.size(); ++row) {
        if (hasher.Verify(rows.Text(row, 0), kDemoPassword)) ++count;
    }
    return count;
}

}  // namespace ponte::auth

#include "core/identity/seed.hpp"

#include "core/accounts/store.hpp"
#include "core/audit/audit.hpp"
#include "core/feature.hpp"
#include "core/tenancy/store.hpp"

namespace ponte::identity {
namespace {

// The demo accounts are found by their domain rather than by verifying the demo password against
// every account's hash: a verification costs about 0.1 s, so checking every account of a large
// installation at each start would take minutes, while the demo domain bounds the check to the
// nine accounts the seed made. Nobody can change an account's email to or from that domain (only
// erasure clears an email), and an account outside it that a person gave the demo password is a
// weak password like any other, which the password rules refuse. A schema column marking seeded
// accounts would say the same as the domain, with a migration.
constexpr std::string_view kSelectDemoAccounts =
    "SELECT password_hash FROM accounts_users WHERE email LIKE $1 AND password_hash IS NOT NULL AND disabled = 0";

}  // namespace

bool HasAccounts(db::Connection& connection) {
    return connection.Execute("SELECT COUNT(*) FROM accounts_users").Int(0, 0) > 0;
}

void SeedDemo(db::Connection& connection, core::DemoWorld& world) {
    crypto::PasswordHasher hasher;
    const std::string hash = hasher.Hash(kDemoPassword);
    const std::int64_t now = world.now_ms;
    world.network_id = tenancy::CreateNetwork(connection, "Empolese Valdelsa network (demo)", now);
    struct Org {
        const char* name;
        const char* kind;
        std::int64_t id = 0;
    };
    Org orgs[] = {{"Empoli social services (demo)", "social_service"},
                  {"Ponte women's association (demo)", "association"},
                  {"Valdelsa training centre (demo)", "training_provider"}};
    for (auto& org : orgs) {
        org.id = tenancy::CreateOrganization(connection, org.name, org.kind, now);
        tenancy::AddOrganizationToNetwork(connection, world.network_id, org.id);
        world.organization_ids.push_back(org.id);
    }
    const std::pair<policy::Role, int> roles[] = {
        {policy::Role::kParticipant, 0},   {policy::Role::kCommunityMember, 1},
        {policy::Role::kMentor, 1},        {policy::Role::kCaseWorker, 0},
        {policy::Role::kTrainer, 2},       {policy::Role::kCoordinator, 0},
        {policy::Role::kOrgAdmin, 0},      {policy::Role::kNetworkCoordinator, -1},
        {policy::Role::kPlatformAdmin, -1}};
    for (auto [role, org] : roles) {
        const std::string name(policy::RoleName(role));
        accounts::User user{
            .email = name + "@" + std::string(kDemoDomain), .display_name = "Demo " + name, .password_hash = hash};
        const std::int64_t id = accounts::CreateUser(connection, user, now);
        policy::Membership membership{.role = role};
        if (org >= 0) membership.organization_id = orgs[org].id;
        if (role == policy::Role::kNetworkCoordinator) membership.network_id = world.network_id;
        tenancy::AddMembership(connection, id, membership, 0, now);
        world.people.emplace(name, id);
        world.accounts.push_back({user.email, name, org >= 0 ? orgs[org].name : ""});
    }
    // Further participants for larger scales: no password, so nobody signs in as them and `serve`
    // has no more demo passwords to look for.
    for (int k = 1; k < world.scale; ++k) {
        for (const Org& org : orgs) {
            const std::string name = "participant." + std::to_string(k) + "." + std::to_string(org.id);
            const std::int64_t id = accounts::CreateUser(
                connection, {.email = name + "@" + std::string(kDemoDomain), .display_name = "Demo " + name}, now);
            tenancy::AddMembership(connection, id, {.role = policy::Role::kParticipant, .organization_id = org.id}, 0,
                                   now);
            world.participants.push_back(id);
        }
    }
    audit::Append(connection,
                  {.action = "auth.seed_demo",
                   .outcome = "ok",
                   .detail = "{\"accounts\":" + std::to_string(9 + world.participants.size()) + "}"},
                  now);
}

std::int64_t CountDemoPasswordAccounts(db::Connection& connection, crypto::PasswordHasher& hasher) {
    auto rows = connection.Execute(kSelectDemoAccounts, {"%@" + std::string(kDemoDomain)});
    std::int64_t count = 0;
    for (std::size_t row = 0; row < rows.size(); ++row) {
        if (hasher.Verify(rows.Text(row, 0), kDemoPassword)) ++count;
    }
    return count;
}

}  // namespace ponte::identity

#include "core/testing/identities.hpp"

#include <algorithm>
#include <stdexcept>

#include "core/accounts/store.hpp"
#include "core/crypto/random.hpp"
#include "core/feature.hpp"
#include "core/tenancy/store.hpp"

namespace ponte::testing {

Identities::Identities(db::Database& database) : database_(database) {
    database.Transact([this](db::Connection& connection) {
        const std::int64_t now = core::NowMs();
        own_network = tenancy::CreateNetwork(connection, "Own network", now);
        foreign_network = tenancy::CreateNetwork(connection, "Foreign network", now);
        own_organization = tenancy::CreateOrganization(connection, "Own organization", "social_service", now);
        foreign_organization = tenancy::CreateOrganization(connection, "Foreign organization", "ngo", now);
        tenancy::AddOrganizationToNetwork(connection, own_network, own_organization);
        tenancy::AddOrganizationToNetwork(connection, foreign_network, foreign_organization);

        actors_.clear();
        actors_.push_back({"anonymous", std::nullopt, 0});
        for (policy::Role role : policy::kAllRoles) {
            const std::string name(policy::RoleName(role));
            accounts::User user;
            user.email = name + "@own.example.org";
            user.display_name = "Test " + name;
            const std::int64_t id = accounts::CreateUser(connection, user, now);
            policy::Membership membership;
            membership.role = role;
            if (policy::IsOrganizationRole(role)) membership.organization_id = own_organization;
            if (role == policy::Role::kNetworkCoordinator) membership.network_id = own_network;
            tenancy::AddMembership(connection, id, membership, 0, now);
            actors_.push_back({name, role, id});
        }
    });
}

Identities::Record Identities::NewRecord(bool foreign) {
    return database_.Transact([&](db::Connection& connection) {
        const std::int64_t now = core::NowMs();
        const std::string name = "record" + std::to_string(++records_);
        Record record;
        record.user_id = accounts::CreateUser(connection, {.email = name + "@example.org", .display_name = name}, now);
        record.membership_id = tenancy::AddMembership(
            connection, record.user_id,
            {.role = policy::Role::kParticipant, .organization_id = foreign ? foreign_organization : own_organization},
            0, now);
        return record;
    });
}

void Identities::RestoreNetworks() {
    database_.Transact([&](db::Connection& connection) {
        for (auto [network, organization] :
             {std::pair{own_network, own_organization}, {foreign_network, foreign_organization}}) {
            auto networks = tenancy::NetworksOf(connection, organization);
            if (std::find(networks.begin(), networks.end(), network) == networks.end()) {
                tenancy::AddOrganizationToNetwork(connection, network, organization);
            }
        }
    });
}

const Actor& Identities::actor(policy::Role role) const {
    for (const auto& actor : actors_) {
        if (actor.role == role) return actor;
    }
    throw std::logic_error("no actor for role");
}

const policy::Principal* Identities::Caller(const Actor& actor, policy::Principal& storage) const {
    if (!actor.role) return nullptr;
    storage = policy::Principal{};
    storage.user_id = actor.user_id;
    policy::Membership membership{.role = *actor.role};
    if (policy::IsOrganizationRole(*actor.role)) membership.organization_id = own_organization;
    if (*actor.role == policy::Role::kNetworkCoordinator) membership.network_id = own_network;
    storage.memberships.push_back(membership);
    return &storage;
}

std::map<std::string, std::string> Identities::SignIn(const Actor& actor,
                                                      const authentication::SessionOptions& options) {
    return SignIn(actor, options, true);
}

std::map<std::string, std::string> Identities::SignInWithPasswordOnly(const Actor& actor,
                                                                      const authentication::SessionOptions& options) {
    return SignIn(actor, options, false);
}

std::map<std::string, std::string> Identities::SignIn(const Actor& actor, const authentication::SessionOptions& options,
                                                      bool second_factor_passed) {
    if (!actor.role) return {};
    authentication::NewSession session = database_.Transact([&](db::Connection& connection) {
        const std::int64_t now = core::NowMs();
        auto created = authentication::CreateSession(connection, actor.user_id, now, options, "127.0.0.1", "test");
        if (second_factor_passed)
            authentication::MarkSecondFactorPassed(connection, crypto::Sha256Hex(created.id), now);
        return created;
    });
    return {{"Cookie", std::string(authentication::CookieName(options)) + "=" + session.id},
            {"X-CSRF-Token", session.csrf_token}};
}

}  // namespace ponte::testing

// A small world of identities for authorization tests: two organizations in two networks, and
// in the first ("own") organization one user for each role, plus a network coordinator of the own
// network and a platform admin. Records a test creates in the other ("foreign") organization
// are what each role must not reach.
//
// Sessions are created directly in the database (no password hashing), so a test can sign in
// every role for every request it sends, including those that end the session.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/authentication/sessions.hpp"
#include "core/db/database.hpp"
#include "core/policy/principal.hpp"

namespace ponte::testing {

struct Actor {
    std::string name;                  // "anonymous" or the role's name
    std::optional<policy::Role> role;  // none for anonymous
    std::int64_t user_id = 0;
};

class Identities {
  public:
    // Seeds the world. Precondition: the database is migrated.
    explicit Identities(db::Database& database);

    // Anonymous first, then one actor per role, in policy::kAllRoles order.
    const std::vector<Actor>& actors() const { return actors_; }
    const Actor& actor(policy::Role role) const;

    // The headers of a signed-in request by `actor` (Cookie and X-CSRF-Token), in a new session
    // that has passed its second factor; none for anonymous.
    std::map<std::string, std::string> SignIn(const Actor& actor, const authentication::SessionOptions& options = {});
    // The same, for a session signed in with the password only.
    std::map<std::string, std::string> SignInWithPasswordOnly(const Actor& actor,
                                                              const authentication::SessionOptions& options = {});

    // The principal of `actor` as the session guard would resolve her (second factor passed), in
    // `storage`; null for anonymous.
    const policy::Principal* Caller(const Actor& actor, policy::Principal& storage) const;

    // A new participant of the own or the foreign organization, as the record a request acts on:
    // one per request, so that requests that change or delete it do not affect the next.
    struct Record {
        std::int64_t user_id = 0;
        std::int64_t membership_id = 0;
    };
    Record NewRecord(bool foreign);
    // Puts each organization back in its network, after a request that may have taken it out.
    void RestoreNetworks();

    std::int64_t own_organization = 0;
    std::int64_t foreign_organization = 0;
    std::int64_t own_network = 0;
    std::int64_t foreign_network = 0;

  private:
    std::map<std::string, std::string> SignIn(const Actor& actor, const authentication::SessionOptions& options,
                                              bool second_factor_passed);
    db::Database& database_;
    std::vector<Actor> actors_;
    int records_ = 0;
};

}  // namespace ponte::testing

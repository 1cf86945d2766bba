// What authentication's handlers share: the database, the keys, the policy, the options
// and the password hasher, with the helpers that shape their audit entries and answers. For core/authentication
// and the identity module's flows built on it (core/identity).
#pragma once

#include <boost/json.hpp>
#include <memory>

#include "core/audit/audit.hpp"
#include "core/authentication/options.hpp"
#include "core/crypto/keyring.hpp"
#include "core/crypto/password.hpp"
#include "core/feature.hpp"
#include "core/http/router.hpp"
#include "core/policy/policy.hpp"

namespace ponte::authentication {

// The core helpers every handler of this module uses.
using core::AuditEntry;
using core::Bind;
using core::NotFoundAudited;
using core::NowMs;
using core::ParseId;

struct Service {
    db::Database* database;          // null in a registry that describes (core::Registry)
    const crypto::Keyring* keyring;  // null there too
    const policy::Policy& policy;
    Options options;
    crypto::PasswordHasher hasher;

    Service(db::Database* d, const crypto::Keyring* k, const policy::Policy& p, const Options& o)
        : database(d), keyring(k), policy(p), options(o), hasher(o.password_cost, o.hashing_threads) {}
};

// The JSON of a session: its user with memberships, the second-factor state, the CSRF token and
// the new invitation codes staff gave for her account lately (access_resets.hpp).
http::Response SessionResponse(const Service& service, int status, const policy::Principal& principal);

// The answer that starts or renews a session: the session as every later request will see it (with
// the account's second-factor state) and its cookie; 401 when it ended meanwhile.
http::Reply SignedIn(const Service& service, const std::string& session_id);

// The schema of SessionResponse, for the OpenAPI document.
boost::json::value SessionSchema();

}  // namespace ponte::authentication

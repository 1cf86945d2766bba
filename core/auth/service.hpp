// What the identity module's handlers share: the database, the keys, the policy, the options
// and the password hasher, with the helpers that shape their audit entries and answers. Internal
// to core/auth.
#pragma once

#include <boost/json.hpp>
#include <memory>

#include "core/audit/audit.hpp"
#include "core/auth/options.hpp"
#include "core/crypto/keyring.hpp"
#include "core/crypto/password.hpp"
#include "core/http/router.hpp"
#include "core/policy/policy.hpp"

namespace ponte::auth {

struct Service {
    db::Database* database;          // null in a registry built only for its route table
    const crypto::Keyring* keyring;  // null there too
    const policy::Policy& policy;
    Options options;
    crypto::PasswordHasher hasher;

    Service(db::Database* d, const crypto::Keyring* k, const policy::Policy& p, const Options& o)
        : database(d), keyring(k), policy(p), options(o), hasher(o.password_cost, o.hashing_threads) {}
};

// A route handler calling `handler` with the shared service.
inline http::Handler Bind(std::shared_ptr<Service> service, http::Reply (*handler)(Service&, const http::Request&)) {
    return [service = std::move(service), handler](const http::Request& request) { return handler(*service, request); };
}

// An audit entry of the request's caller (if any), address and request id.
audit::Entry AuditEntry(const http::Request& request, std::string action, std::string outcome);

// The JSON of a session: its user with memberships, the second-factor state and the CSRF token.
http::Response SessionResponse(int status, const policy::Principal& principal);

// 429 with Retry-After for a throttled key.
http::Problem TooManyAttempts(std::int64_t wait_ms);

// The schema of SessionResponse, for the OpenAPI document.
boost::json::value SessionSchema();

}  // namespace ponte::auth

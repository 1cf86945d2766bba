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

// The JSON of a session: its user with memberships, the second-factor state, the CSRF token and
// the new invitation codes staff gave for her account lately (access_resets.hpp).
http::Response SessionResponse(const Service& service, int status, const policy::Principal& principal);

// The answer that starts or renews a session: the session as every later request will see it (with
// the account's second-factor state) and its cookie; 401 when it ended meanwhile.
http::Reply SignedIn(const Service& service, const std::string& session_id);

// 404 for a record the caller may not see as for one that does not exist (entry.outcome says
// which: "denied" or "not_found"). Both are audited, so that they also take the same time and a
// stopwatch cannot tell them apart.
http::Problem NotFoundAudited(db::Database& database, const audit::Entry& entry);

// 429 with Retry-After for a throttled key; the detail says what was tried too often.
http::Problem TooManyAttempts(std::int64_t wait_ms, std::string detail_key = "detail.locked_out");

// The schema of SessionResponse, for the OpenAPI document.
boost::json::value SessionSchema();

}  // namespace ponte::auth

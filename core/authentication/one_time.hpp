// Setting a password with a one-time secret (an invitation code, a reset link's token), the one
// flow both share: the lookup is throttled per client address and every failure counts and is
// audited; the new password must pass the rules; then, in one transaction, the secret is spent
// (exactly once, even for two simultaneous submissions), the password is set, every other unused
// invitation code and reset link of the account stops working, every session of the account ends
// and the entry is audited. For core/authentication and core/identity.
#pragma once

#include <functional>
#include <string_view>
#include <variant>

#include "core/accounts/store.hpp"
#include "core/authentication/service.hpp"
#include "core/http/json_body.hpp"
#include "core/tenancy/store.hpp"

namespace ponte::authentication {

struct OneTimeSecret {
    std::string_view select_sql;  // ($1 digest, $2 now) -> user id, email, display name, when usable
    std::string_view spend_sql;   // ($1 digest, $2 now) -> changes one row when spent now
    std::string_view audit_action;
    std::string_view field;       // the body field that carried it, for the problem
    std::string_view error_code;  // "invalid_invitation", "invalid_token"
};

// `also` runs inside the transaction after the change (to start a session, clear a lockout).
// Returns the user, or the problem to answer.
core::Outcome<accounts::User> SetPasswordWithSecret(
    Service& service, const http::Request& request, const OneTimeSecret& secret, std::string_view digest,
    std::string_view password,
    const std::function<void(db::Connection&, const accounts::User&, std::int64_t now)>& also);

// Voids every unused invitation code and password reset link of the account.
void VoidOneTimeSecrets(db::Connection& connection, std::int64_t user_id);

}  // namespace ponte::authentication

// Asking the signed-in person for her current password before a change that needs it (a new
// password, a second factor added to her account): whoever holds her unlocked session does not
// know it. Her failed attempts count where her failed sign-ins do (the same throttle keys), so
// that a stolen session gives no extra guesses. Internal to core/authentication.
#pragma once

#include <string>
#include <string_view>

#include "core/accounts/store.hpp"
#include "core/audit/audit.hpp"
#include "core/authentication/service.hpp"
#include "core/throttle/throttle.hpp"

namespace ponte::authentication {

// True when `password` is her current one. First, when her sign-in keys must wait: 429, audited
// as `action` "throttled". A wrong password counts as a failed sign-in and is audited as `action`
// with outcome `wrong_outcome`. An account without a password verifies nothing, as slowly as a
// wrong password.
core::Outcome<bool> VerifyCurrentPassword(Service& service, const http::Request& request, const accounts::User& user,
                                          std::string_view action, std::string_view password,
                                          std::string_view wrong_outcome);

// The sign-in keys of her account from the request's address (an account without email gets keys
// of its own: throttle::AccountName).
throttle::LoginKeys OwnThrottleKeys(const accounts::User& user, const http::Request& request);

// The audit entry of `action` on the signed-in person's own account.
audit::Entry OwnEntry(const http::Request& request, std::string action, std::string outcome);

}  // namespace ponte::authentication

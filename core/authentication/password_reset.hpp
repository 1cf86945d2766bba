// Password reset by email: a one-time link (valid an hour) mailed to the account's address, on
// the configured public address only (--public-url; without it no reset mail is sent).
// Asking answers the same whatever the address, so that nobody learns who has an account; asking
// is throttled per address and per client. Setting the new password ends every session of the
// account; staff still pass their second factor at the next sign-in.
#pragma once

#include <memory>

#include "core/authentication/service.hpp"
#include "core/registry.hpp"

namespace ponte::authentication {

void RegisterPasswordReset(core::Registry& registry, std::shared_ptr<Service> service);

}  // namespace ponte::authentication

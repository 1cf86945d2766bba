// Two-step sign-in with TOTP: enrolment (a secret shown as a QR code, confirmed with a first
// code, which also yields ten one-time recovery codes), the second step of each sign-in, and new
// recovery codes. Passing the second factor gives the session a new id and CSRF token. Staff must pass it in every
// session outside demo mode; anyone who enrolled must pass it too. Wrong codes count towards the account's throttle
// like wrong passwords.
#pragma once

#include <memory>

#include "core/authentication/service.hpp"
#include "core/registry.hpp"

namespace ponte::authentication {

inline constexpr int kRecoveryCodeCount = 10;

void RegisterSecondFactor(core::Registry& registry, std::shared_ptr<Service> service);

}  // namespace ponte::authentication

// The identity module of core: sign-in, sessions, the request guard and the audit of both.
//
// Register() adds the auth routes, the identity and audit migrations, the policy of the auth
// resources and the guard that every routed request passes:
//   1. unsafe methods (POST, PUT, PATCH, DELETE) from a foreign Origin are refused (403);
//   2. for any route but "public" ones, the session cookie must name a live session (else 401);
//   3. unsafe methods of a session must carry its CSRF token in X-CSRF-Token (else 403);
//   4. the caller must hold some role that may take the route's action (else 403, audited).
// Record-level decisions (own / assigned / organization / network) are the handler's, through
// policy::Policy::Permits, and a denied foreign record answers 404.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>

#include "core/auth/options.hpp"
#include "core/registry.hpp"

namespace ponte::auth {

void Register(core::Registry& registry, const Options& options);

}  // namespace ponte::auth

// Authentication: who is calling. Sign-in with a password, sessions, the second factor, password
// reset links, her own password and sessions, and the guard that every routed request passes:
//   1. unsafe methods (POST, PUT, PATCH, DELETE) from a foreign Origin are refused (403);
//   2. for any route but "public" ones, the session cookie must name a live session (else 401);
//   3. unsafe methods of a session must carry its CSRF token in X-CSRF-Token (else 403);
//   4. the caller must hold some role that may take the route's action (else 403, audited).
// Record-level decisions (own / assigned / organization / network) are the handler's, through
// policy::Policy::Permits, and a denied foreign record answers 404.
#pragma once

#include <memory>

#include "core/authentication/options.hpp"
#include "core/authentication/service.hpp"
#include "core/registry.hpp"

namespace ponte::authentication {

// Adds the guard, the routes of sign-in, sessions, second factor, password reset and her own
// account, with their policy; returns what their handlers share, for the flows built on them
// (core/identity).
std::shared_ptr<Service> Register(core::Registry& registry, const Options& options);

}  // namespace ponte::authentication

// POST /api/v1/auth/login: validates the credentials body. Accounts arrive with the identity
// work; until then no account exists, so well-formed credentials are answered 401.
#pragma once

#include "core/http/outcome.hpp"
#include "core/registry.hpp"

namespace ponte::auth {

struct LoginRequest {
    std::string email;
    std::string password;
};

// Decodes and checks a login body: `email` (3..254 code points, one '@' with text on both sides)
// and `password` (1..1024), nothing else. Pure; the problem names every bad field.
http::Outcome<LoginRequest> DecodeLogin(std::string_view body);

void Register(core::Registry& registry);

}  // namespace ponte::auth

// The body of POST /api/v1/auth/login, decoded and checked.
#pragma once

#include <string>
#include <string_view>

#include "core/http/outcome.hpp"

namespace ponte::auth {

struct LoginRequest {
    std::string email;
    std::string password;
};

// Decodes and checks a login body: `email` (3..254 code points, one '@' with text on both sides)
// and `password` (1..1024), nothing else. Pure; the problem names every bad field.
http::Outcome<LoginRequest> DecodeLogin(std::string_view body);

}  // namespace ponte::auth

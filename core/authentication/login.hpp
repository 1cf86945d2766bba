// The body of POST /api/v1/auth/login, decoded and checked.
#pragma once

#include <string>
#include <string_view>

#include "core/http/message.hpp"
#include "core/outcome.hpp"

namespace ponte::authentication {

struct LoginRequest {
    std::string email;
    std::string password;
};

// Decodes and checks a login body: `email` (3..254 code points, one '@' with text on both sides)
// and `password`, in a body its schema accepted. Pure; the failure names every bad field.
core::Outcome<LoginRequest> DecodeLogin(const http::Request& request);

}  // namespace ponte::authentication

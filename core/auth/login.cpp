#include "core/auth/login.hpp"

#include "core/auth/accounts.hpp"
#include "core/http/json_body.hpp"

namespace ponte::auth {

core::Outcome<LoginRequest> DecodeLogin(const http::Request& request) {
    http::JsonFields fields(request);
    auto email = fields.String("email");
    auto password = fields.String("password", http::Text::kSecret);
    if (email && !LooksLikeEmail(NormalizeEmail(*email))) fields.Invalid("email", "format");
    if (auto problem = fields.Finish()) return *problem;
    return LoginRequest{*email, *password};
}

}  // namespace ponte::auth

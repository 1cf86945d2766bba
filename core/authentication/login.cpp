#include "core/authentication/login.hpp"

#include "core/accounts/store.hpp"
#include "core/http/json_body.hpp"
#include "core/tenancy/store.hpp"

namespace ponte::authentication {

core::Outcome<LoginRequest> DecodeLogin(const http::Request& request) {
    http::JsonFields fields(request);
    auto email = fields.String("email");
    auto password = fields.String("password", http::Text::kSecret);
    if (email && !accounts::LooksLikeEmail(accounts::NormalizeEmail(*email))) fields.Invalid("email", "format");
    if (auto problem = fields.Finish()) return *problem;
    return LoginRequest{*email, *password};
}

}  // namespace ponte::authentication

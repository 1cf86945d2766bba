#include "core/auth/login.hpp"

#include "core/auth/accounts.hpp"
#include "core/http/json_body.hpp"

namespace ponte::auth {

http::Outcome<LoginRequest> DecodeLogin(std::string_view body) {
    auto object = http::ParseJsonObject(body);
    if (!object) return object.problem();
    http::JsonFields fields(object.value());
    auto email = fields.RequiredString("email", 3, 254);
    auto password = fields.RequiredString("password", 1, 1024, http::Text::kSecret);
    if (email && !LooksLikeEmail(NormalizeEmail(*email))) fields.Invalid("email", "format");
    if (auto problem = fields.Finish()) return *problem;
    return LoginRequest{*email, *password};
}

}  // namespace ponte::auth

#include "core/auth/login.hpp"

#include "core/http/json_body.hpp"

namespace ponte::auth {

http::Outcome<LoginRequest> DecodeLogin(std::string_view body) {
    auto object = http::ParseJsonObject(body);
    if (!object) return object.problem();
    http::JsonFields fields(object.value());
    auto email = fields.RequiredString("email", 3, 254);
    auto password = fields.RequiredString("password", 1, 1024);
    if (email) {
        auto at = email->find('@');
        if (at == std::string::npos || at == 0 || at + 1 == email->size() ||
            email->find('@', at + 1) != std::string::npos) {
            fields.Invalid("email", "format");
        }
    }
    if (auto problem = fields.Finish()) return *problem;
    return LoginRequest{*email, *password};
}

void Register(core::Registry& registry) {
    registry.AddRoute(
        {http::Method::kPost,
         "/api/v1/auth/login",
         "public",
         http::BodyKind::kJson,
         {"login",
          "Sign in with email and password",
          "auth",
          boost::json::parse(R"({"type":"object","additionalProperties":false,"required":["email","password"],
              "properties":{"email":{"type":"string","minLength":3,"maxLength":254},
                            "password":{"type":"string","minLength":1,"maxLength":1024}}})"),
          nullptr,
          204,
          {401}},
         [](const http::Request& request) -> http::Reply {
             auto login = DecodeLogin(request.body);
             if (!login) return login.problem();
             return http::Problem{http::ProblemKind::kUnauthorized, "detail.invalid_credentials"};
         }});
}

}  // namespace ponte::auth

// POST /api/v1/auth/login: every kind of bad input gets its 4xx problem naming the problem.
#include "core/auth/login.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/testing/engine.hpp"
#include "core/testing/http_client.hpp"
#include "core/testing/server_process.hpp"

namespace ponte::auth {
namespace {

struct BadInput {
    std::string name;
    std::string body;
    std::string content_type;
    int status;
    std::string type;
    std::vector<std::string> fields;  // "field:code" expected in errors
};

class LoginTest : public ::testing::TestWithParam<BadInput> {
  protected:
    static void SetUpTestSuite() {
        directory_ = testing::MakeTempDirectory();
        server_ = new testing::ServerProcess("sqlite:" + (directory_ / "t.db").string());
    }
    static void TearDownTestSuite() {
        delete server_;
        std::filesystem::remove_all(directory_);
    }
    static inline std::filesystem::path directory_;
    static inline testing::ServerProcess* server_ = nullptr;
};

TEST_P(LoginTest, BadInput_IsProblemNamingIt) {
    const auto& input = GetParam();
    auto response = testing::HttpClient(server_->port()).Post("/api/v1/auth/login", input.body, input.content_type);
    EXPECT_EQ(response.status, input.status);
    EXPECT_EQ(response.Header("Content-Type"), "application/problem+json");
    auto body = response.Json().as_object();
    EXPECT_EQ(body.at("type").as_string(), input.type);
    std::vector<std::string> fields;
    if (auto* errors = body.if_contains("errors")) {
        for (const auto& error : errors->as_array()) {
            fields.push_back(std::string(error.at("field").as_string()) + ":" +
                             std::string(error.at("code").as_string()));
        }
    }
    EXPECT_EQ(fields, input.fields);
}

const std::string kJson = "application/json";

INSTANTIATE_TEST_SUITE_P(
    Login, LoginTest,
    ::testing::Values(
        BadInput{"NotJson",
                 "email=a&password=b",
                 "application/x-www-form-urlencoded",
                 415,
                 "/problems/unsupported-media-type",
                 {}},
        BadInput{
            "NoContentType", R"({"email":"a@b.c","password":"x"})", "", 415, "/problems/unsupported-media-type", {}},
        BadInput{"Malformed", R"({"email":)", kJson, 400, "/problems/malformed-json", {}},
        BadInput{
            "InvalidUtf8", "{\"email\":\"a\xff@b.c\",\"password\":\"x\"}", kJson, 400, "/problems/malformed-json", {}},
        BadInput{"Array", "[]", kJson, 400, "/problems/malformed-json", {}},
        BadInput{"Empty", "", kJson, 400, "/problems/malformed-json", {}},
        BadInput{
            "MissingFields", "{}", kJson, 422, "/problems/invalid-fields", {"email:required", "password:required"}},
        BadInput{"UnknownField",
                 R"({"email":"a@b.c","password":"x","admin":true})",
                 kJson,
                 422,
                 "/problems/invalid-fields",
                 {"admin:unknown"}},
        BadInput{"WrongTypes",
                 R"({"email":1,"password":null})",
                 kJson,
                 422,
                 "/problems/invalid-fields",
                 {"email:type", "password:type"}},
        BadInput{"BadEmail",
                 R"({"email":"no-at-sign","password":"x"})",
                 kJson,
                 422,
                 "/problems/invalid-fields",
                 {"email:format"}},
        BadInput{"TooLong",
                 "{\"email\":\"a@b.c\",\"password\":\"" + std::string(1025, 'p') + "\"}",
                 kJson,
                 422,
                 "/problems/invalid-fields",
                 {"password:too_long"}},
        BadInput{"WellFormedButNoAccount",
                 R"({"email":"ana@example.org","password":"correct horse"})",
                 kJson,
                 401,
                 "/problems/unauthorized",
                 {}}),
    [](const auto& info) { return info.param.name; });

TEST(DecodeLogin, ValidBody_Decodes) {
    auto login = DecodeLogin(R"({"email":"ana@example.org","password":"pw"})");
    ASSERT_TRUE(login.ok());
    EXPECT_EQ(login.value().email, "ana@example.org");
}

}  // namespace
}  // namespace ponte::auth

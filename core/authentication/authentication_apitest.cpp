// Sign-in, sessions, CSRF and throttling over HTTP against a real server; and every kind of bad
// input to POST /api/v1/auth/login gets its 4xx problem naming the problem.
#include "core/authentication/authentication.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/accounts/store.hpp"
#include "core/audit/audit.hpp"
#include "core/authentication/login.hpp"
#include "core/feature.hpp"
#include "core/tenancy/store.hpp"
#include "core/testing/engine.hpp"
#include "core/testing/http_client.hpp"
#include "core/testing/server_process.hpp"
#include "core/throttle/throttle.hpp"

namespace ponte::authentication {
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
        server_ = new testing::ServerProcess(testing::ApiDatabaseUrl(directory_));
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

// A server with a few accounts whose passwords the tests know.
class SignInTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        directory_ = testing::MakeTempDirectory();
        const std::string url = testing::ApiDatabaseUrl(directory_);
        server_ = new testing::ServerProcess(url);
        database_ = db::Database::Open(url).release();
        crypto::PasswordHasher hasher({.passes = 1, .memory_bytes = 1 << 20});
        database_->Transact([&](db::Connection& connection) {
            const std::int64_t now = core::NowMs();
            std::int64_t org = tenancy::CreateOrganization(connection, "Listening space", "social_service", now);
            // Case workers (whose sessions wait for a second factor outside demo mode) and gia, a
            // participant, whose sessions are fully signed in with the password.
            for (const char* name : {"ana", "bea", "carla", "dina", "eva", "farah", "gia"}) {
                accounts::User user{.email = std::string(name) + "@example.org", .display_name = name};
                user.password_hash = hasher.Hash(kPassword);
                std::int64_t id = accounts::CreateUser(connection, user, now);
                const auto role =
                    std::string_view(name) == "gia" ? policy::Role::kParticipant : policy::Role::kCaseWorker;
                tenancy::AddMembership(connection, id, {.role = role, .organization_id = org}, 0, now);
            }
        });
    }
    static void TearDownTestSuite() {
        delete database_;
        delete server_;
        std::filesystem::remove_all(directory_);
    }

    struct Signed {
        std::string cookie;  // "name=value" for a Cookie header
        std::string csrf;
    };
    static testing::HttpResult Login(std::string_view email, std::string_view password,
                                     std::map<std::string, std::string> headers = {}) {
        boost::json::object body{{"email", email}, {"password", password}};
        return testing::HttpClient(server_->port())
            .Post("/api/v1/auth/login", boost::json::serialize(body), "application/json", headers);
    }
    static Signed SignIn(std::string_view email) {
        auto response = Login(email, kPassword);
        EXPECT_EQ(response.status, 200) << response.body;
        std::string cookie = response.Header("Set-Cookie");
        return {cookie.substr(0, cookie.find(';')), std::string(response.Json().at("csrf_token").as_string())};
    }
    static int SessionStatus(const Signed& signed_in) {
        return testing::HttpClient(server_->port()).Get("/api/v1/auth/session", {{"Cookie", signed_in.cookie}}).status;
    }
    static testing::HttpResult Post(std::string_view path, std::map<std::string, std::string> headers) {
        return testing::HttpClient(server_->port()).Send("POST", path, "", headers);
    }
    static std::int64_t AuditCount(std::string_view action, std::string_view outcome) {
        return database_->Acquire()
            ->Execute("SELECT COUNT(*) FROM audit_log WHERE action = $1 AND outcome = $2",
                      {std::string(action), std::string(outcome)})
            .Int(0, 0);
    }

    static constexpr std::string_view kPassword = "a long enough passphrase";
    static inline std::filesystem::path directory_;
    static inline testing::ServerProcess* server_ = nullptr;
    static inline db::Database* database_ = nullptr;
};

TEST_F(SignInTest, Login_RightPassword_SetsProtectedCookieAndAnswersTheSession) {
    auto response = Login("ana@example.org", kPassword);
    ASSERT_EQ(response.status, 200) << response.body;
    const std::string cookie = response.Header("Set-Cookie");
    EXPECT_TRUE(cookie.starts_with("__Host-ponte_session=")) << cookie;
    EXPECT_NE(cookie.find("; HttpOnly"), std::string::npos);
    EXPECT_NE(cookie.find("; SameSite=Lax"), std::string::npos);
    EXPECT_NE(cookie.find("; Secure"), std::string::npos);
    EXPECT_EQ(response.Header("Cache-Control"), "no-store");
    auto body = response.Json().as_object();
    EXPECT_EQ(body.at("user").at("display_name").as_string(), "ana");
    EXPECT_EQ(body.at("user").at("memberships").at(0).at("role").as_string(), "case_worker");
    EXPECT_EQ(body.at("user").at("staff").as_bool(), true);

    auto session = testing::HttpClient(server_->port())
                       .Get("/api/v1/auth/session", {{"Cookie", cookie.substr(0, cookie.find(';'))}});
    ASSERT_EQ(session.status, 200);
    EXPECT_EQ(session.Json().at("csrf_token"), body.at("csrf_token"));
}

TEST_F(SignInTest, Login_WrongPasswordOrUnknownEmail_AreTheSame401AndAudited) {
    const auto before = AuditCount("auth.login", "failed");
    auto wrong = Login("bea@example.org", "not the passphrase");
    auto unknown = Login("nobody@example.org", kPassword);
    EXPECT_EQ(wrong.status, 401);
    EXPECT_EQ(unknown.status, 401);
    EXPECT_EQ(wrong.Json().at("type"), unknown.Json().at("type"));
    EXPECT_EQ(wrong.Json().at("detail"), unknown.Json().at("detail"));
    EXPECT_EQ(wrong.Header("Set-Cookie"), "");
    EXPECT_EQ(AuditCount("auth.login", "failed"), before + 2);
}

TEST_F(SignInTest, Login_WithAnEarlierSessionCookie_EndsItAndIssuesANewId) {
    auto first = SignIn("carla@example.org");
    auto second = Login("carla@example.org", kPassword, {{"Cookie", first.cookie}});
    ASSERT_EQ(second.status, 200);
    const std::string cookie = second.Header("Set-Cookie");
    EXPECT_NE(cookie.substr(0, cookie.find(';')), first.cookie);
    EXPECT_EQ(SessionStatus(first), 401);
    EXPECT_EQ(SessionStatus({cookie.substr(0, cookie.find(';')), ""}), 200);
}

TEST_F(SignInTest, Session_WithoutOrWithForgedCookie_Is401) {
    EXPECT_EQ(testing::HttpClient(server_->port()).Get("/api/v1/auth/session").status, 401);
    auto forged =
        testing::HttpClient(server_->port()).Get("/api/v1/auth/session", {{"Cookie", "__Host-ponte_session=forged"}});
    EXPECT_EQ(forged.status, 401);
    EXPECT_EQ(forged.Json().at("type"), "/problems/unauthorized");
    EXPECT_NE(forged.Header("Set-Cookie").find("Max-Age=0"), std::string::npos);  // the client forgets it
}

TEST_F(SignInTest, ChosenLanguage_IsStoredForTheAccount) {
    auto signed_in = SignIn("gia@example.org");
    auto post = [&](std::string_view body) {
        return testing::HttpClient(server_->port())
            .Post("/api/v1/auth/locale", body, "application/json",
                  {{"Cookie", signed_in.cookie}, {"X-CSRF-Token", signed_in.csrf}});
    };
    EXPECT_EQ(post(R"({"locale":"ar"})").status, 204);
    auto session =
        testing::HttpClient(server_->port()).Get("/api/v1/auth/session", {{"Cookie", signed_in.cookie}}).Json();
    EXPECT_EQ(session.at("user").at("locale"), "ar");
    EXPECT_EQ(Login("gia@example.org", kPassword).Json().at("user").at("locale"), "ar");
    for (std::string_view bad : {R"({"locale":"tlh"})", R"({"locale":7})", "{}", R"({"locale":"ar","x":1})"}) {
        auto refused = post(bad);
        EXPECT_EQ(refused.status, 422) << bad;
        EXPECT_EQ(refused.Header("Content-Type"), "application/problem+json");
    }
}

TEST_F(SignInTest, Logout_NeedsTheCsrfToken_ThenEndsTheSession) {
    auto signed_in = SignIn("dina@example.org");
    const auto denied_before = AuditCount("signing_in", "denied_csrf");
    EXPECT_EQ(Post("/api/v1/auth/logout", {{"Cookie", signed_in.cookie}}).status, 403);
    EXPECT_EQ(Post("/api/v1/auth/logout", {{"Cookie", signed_in.cookie}, {"X-CSRF-Token", "wrong"}}).status, 403);
    EXPECT_EQ(AuditCount("signing_in", "denied_csrf"), denied_before + 2);
    EXPECT_EQ(SessionStatus(signed_in), 200);
    auto done = Post("/api/v1/auth/logout", {{"Cookie", signed_in.cookie}, {"X-CSRF-Token", signed_in.csrf}});
    EXPECT_EQ(done.status, 204);
    EXPECT_NE(done.Header("Set-Cookie").find("Max-Age=0"), std::string::npos);
    EXPECT_EQ(SessionStatus(signed_in), 401);
}

TEST_F(SignInTest, StateChangingRequest_FromForeignOrigin_Is403) {
    auto signed_in = SignIn("dina@example.org");
    const std::string host = "127.0.0.1:" + std::to_string(server_->port());
    auto foreign =
        Post("/api/v1/auth/logout",
             {{"Cookie", signed_in.cookie}, {"X-CSRF-Token", signed_in.csrf}, {"Origin", "https://evil.example"}});
    EXPECT_EQ(foreign.status, 403);
    auto foreign_login = Login("dina@example.org", kPassword, {{"Origin", "https://evil.example"}});
    EXPECT_EQ(foreign_login.status, 403);
    EXPECT_EQ(SessionStatus(signed_in), 200);
    auto own = Post(
        "/api/v1/auth/logout",
        {{"Cookie", signed_in.cookie}, {"X-CSRF-Token", signed_in.csrf}, {"Origin", "http://" + host}, {"Host", host}});
    EXPECT_EQ(own.status, 204);
}

// Host is the client's word: with a public address configured, Origin is compared with it alone.
TEST(PublicUrl, OriginMatchingOnlyAForgedHost_Is403) {
    const auto directory = testing::MakeTempDirectory();
    {
        testing::ServerProcess server(testing::ApiDatabaseUrl(directory),
                                      {"--public-url", "https://Ponte.example:443/"});
        const std::string body = R"({"email":"nobody@example.org","password":"a long enough passphrase"})";
        auto login = [&](std::map<std::string, std::string> headers) {
            return testing::HttpClient(server.port()).Post("/api/v1/auth/login", body, "application/json", headers);
        };
        EXPECT_EQ(login({{"Host", "evil.example"}, {"Origin", "http://evil.example"}}).status, 403);
        EXPECT_EQ(login({{"Host", "evil.example"}, {"Origin", "https://evil.example"}}).status, 403);
        EXPECT_EQ(login({{"Host", "ponte.example"}, {"Origin", "http://ponte.example"}}).status, 403);
        EXPECT_EQ(login({{"Host", "evil.example"}, {"Origin", "https://ponte.example"}}).status, 401);
    }
    std::filesystem::remove_all(directory);
}

TEST_F(SignInTest, LogoutEverywhere_EndsEverySessionOfTheUser) {
    auto phone = SignIn("gia@example.org");
    auto desk = SignIn("gia@example.org");
    auto done = Post("/api/v1/auth/logout-everywhere", {{"Cookie", phone.cookie}, {"X-CSRF-Token", phone.csrf}});
    EXPECT_EQ(done.status, 204);
    EXPECT_EQ(SessionStatus(phone), 401);
    EXPECT_EQ(SessionStatus(desk), 401);

    // A session still waiting for its second factor cannot end the account's other sessions.
    auto signed_in = SignIn("gia@example.org");
    auto half = SignIn("eva@example.org");
    auto refused = Post("/api/v1/auth/logout-everywhere", {{"Cookie", half.cookie}, {"X-CSRF-Token", half.csrf}});
    EXPECT_EQ(refused.status, 403);
    EXPECT_EQ(SessionStatus(signed_in), 200);
}

TEST_F(SignInTest, RepeatedFailuresFromOneAddress_LockItOutOfTheAccount_EvenForTheRightPassword) {
    for (int i = 0; i < throttle::kPairRule.max_failures; ++i) {
        EXPECT_EQ(Login("farah@example.org", "guess number " + std::to_string(i)).status, 401);
    }
    auto locked = Login("farah@example.org", kPassword);
    EXPECT_EQ(locked.status, 429);
    EXPECT_EQ(locked.Json().at("type"), "/problems/too-many-requests");
    const int retry_after = std::stoi(locked.Header("Retry-After"));
    EXPECT_GT(retry_after, 0);
    EXPECT_LE(retry_after, throttle::kPairRule.lockout_ms / 1000);
    EXPECT_GE(AuditCount("auth.login", "throttled"), 1);
    EXPECT_EQ(Login("ana@example.org", kPassword).status, 200);  // other accounts are not affected
}

TEST_F(SignInTest, DisabledAccount_CannotSignInAndItsSessionsResolveToNoOne) {
    auto signed_in = SignIn("carla@example.org");
    database_->Transact([](db::Connection& connection) {
        accounts::SetDisabled(connection, accounts::FindUserByEmail(connection, "carla@example.org")->id, true,
                              core::NowMs());
    });
    EXPECT_EQ(SessionStatus(signed_in), 401);
    EXPECT_EQ(Login("carla@example.org", kPassword).status, 401);
    database_->Transact([](db::Connection& connection) {
        accounts::SetDisabled(connection, accounts::FindUserByEmail(connection, "carla@example.org")->id, false,
                              core::NowMs());
    });
}

TEST_F(SignInTest, AuditChain_AfterAllThat_Verifies) {
    SignIn("ana@example.org");
    Login("ana@example.org", "wrong passphrase here");
    auto report = audit::Verify(*database_, testing::TestKeyring().get());
    EXPECT_TRUE(report.ok) << report.reason << " at " << report.first_bad_seq;
    EXPECT_GE(report.checked, 2);
}

}  // namespace
}  // namespace ponte::authentication

// Password reset by email over HTTP, with the server's job worker mailing through a loopback
// SMTP sink: the link works once, within its hour, and ends every session; asking reveals nothing.
#include "core/authentication/password_reset.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <regex>
#include <tuple>

#include "core/accounts/store.hpp"
#include "core/crypto/random.hpp"
#include "core/feature.hpp"
#include "core/tenancy/store.hpp"
#include "core/testing/engine.hpp"
#include "core/testing/http_client.hpp"
#include "core/testing/server_process.hpp"
#include "core/testing/smtp_sink.hpp"

namespace ponte::authentication {
namespace {

constexpr std::string_view kOldPassword = "the old long passphrase";
constexpr std::string_view kNewPassword = "a brand new passphrase";

class PasswordResetTest : public ::testing::Test {
  protected:
    void SetUp() override {
        directory_ = testing::MakeTempDirectory();
        url_ = testing::ApiDatabaseUrl(directory_);
        server_ = std::make_unique<testing::ServerProcess>(
            url_, std::vector<std::string>{"--smtp-url", sink_.url(), "--mail-from", "ponte@example.org",
                                           "--jobs-poll-ms", "20", "--public-url", "https://ponte.example.org/"});
        database_ = db::Database::Open(url_);
        crypto::PasswordHasher hasher({.passes = 1, .memory_bytes = 1 << 20});
        database_->Transact([&](db::Connection& connection) {
            const std::int64_t now = core::NowMs();
            const std::int64_t org = tenancy::CreateOrganization(connection, "Centre", "ngo", now);
            // Ana's name holds what looks like a placeholder: a value is never read as one.
            for (auto [name, display_name, locale] :
                 {std::tuple{"ana", "ana {link}", "es"}, std::tuple{"bea", "bea", "ar"}}) {
                accounts::User user{.email = std::string(name) + "@example.org",
                                    .display_name = display_name,
                                    .password_hash = hasher.Hash(kOldPassword),
                                    .locale = locale};
                const std::int64_t id = accounts::CreateUser(connection, user, now);
                tenancy::AddMembership(connection, id, {.role = policy::Role::kParticipant, .organization_id = org}, 0,
                                       now);
            }
        });
    }
    void TearDown() override {
        database_.reset();
        server_.reset();
        std::filesystem::remove_all(directory_);
    }

    testing::HttpResult Post(std::string_view path, const boost::json::object& body,
                             std::map<std::string, std::string> headers = {}) {
        return testing::HttpClient(server_->port())
            .Post(path, boost::json::serialize(body), "application/json", headers);
    }
    testing::HttpResult Login(std::string_view email, std::string_view password) {
        return Post("/api/v1/auth/login", {{"email", email}, {"password", password}});
    }
    // The token of the reset link in the n-th mail.
    std::string TokenOfMail(std::size_t n) {
        EXPECT_TRUE(sink_.WaitFor(n + 1, std::chrono::seconds(10)));
        const auto mails = sink_.messages();
        if (mails.size() <= n) return "";
        std::smatch link;
        const std::string body = mails[n].Body();
        EXPECT_TRUE(std::regex_search(body, link,
                                      std::regex(R"(https://ponte\.example\.org/reset-password#([A-Za-z0-9_-]{43}))")))
            << body;
        return link.size() > 1 ? link[1].str() : "";
    }

    testing::SmtpSink sink_;
    std::filesystem::path directory_;
    std::string url_;
    std::unique_ptr<testing::ServerProcess> server_;
    std::unique_ptr<db::Database> database_;
};

TEST_F(PasswordResetTest, TheMailedLinkSetsANewPasswordOnceAndEndsEverySession) {
    auto before = Login("ana@example.org", kOldPassword);
    ASSERT_EQ(before.status, 200);
    const std::string cookie = before.Header("Set-Cookie").substr(0, before.Header("Set-Cookie").find(';'));

    auto asked = Post("/api/v1/auth/password-reset", {{"email", "  Ana@Example.org "}});
    EXPECT_EQ(asked.status, 202) << asked.body;
    const std::string token = TokenOfMail(0);
    ASSERT_FALSE(token.empty());
    auto mail = sink_.messages().at(0);
    EXPECT_EQ(mail.recipients, std::vector<std::string>{"ana@example.org"});
    EXPECT_NE(mail.Body().find("Hola, ana {link}:"), std::string::npos) << "in the account's language: " << mail.Body();
    EXPECT_NE(mail.Body().find("en los próximos 60 minutos:"), std::string::npos) << mail.Body();
    // Queued sealed: the jobs table never held the link in clear.
    auto payload = database_->Acquire()->Execute("SELECT payload FROM jobs WHERE kind = 'mail.send'").Text(0, 0);
    EXPECT_EQ(payload.find(token), std::string::npos);
    EXPECT_TRUE(payload.starts_with("v1:"));

    auto weak = Post("/api/v1/auth/password-reset/complete", {{"token", token}, {"password", "short"}});
    EXPECT_EQ(weak.status, 422);
    auto done = Post("/api/v1/auth/password-reset/complete", {{"token", token}, {"password", kNewPassword}});
    EXPECT_EQ(done.status, 204) << done.body;
    EXPECT_EQ(testing::HttpClient(server_->port()).Get("/api/v1/auth/session", {{"Cookie", cookie}}).status, 401);
    EXPECT_EQ(Login("ana@example.org", kOldPassword).status, 401);
    EXPECT_EQ(Login("ana@example.org", kNewPassword).status, 200);

    auto again =
        Post("/api/v1/auth/password-reset/complete", {{"token", token}, {"password", "yet another passphrase"}});
    EXPECT_EQ(again.status, 422);
    EXPECT_EQ(again.Json().at("errors").at(0).at("code"), "invalid_token");
}

TEST_F(PasswordResetTest, AskingRevealsNothingAndIsThrottledPerAccount) {
    auto unknown = Post("/api/v1/auth/password-reset", {{"email", "nobody@example.org"}});
    auto known = Post("/api/v1/auth/password-reset", {{"email", "bea@example.org"}});
    EXPECT_EQ(unknown.status, 202);
    EXPECT_EQ(known.status, 202);
    EXPECT_EQ(unknown.body, known.body);
    ASSERT_TRUE(sink_.WaitFor(1, std::chrono::seconds(10)));
    EXPECT_NE(sink_.messages().at(0).Body().find("مرحباً bea"), std::string::npos);
    EXPECT_NE(sink_.messages().at(0).Body().find("خلال 60 دقيقة:"), std::string::npos) << "Latin digits, as on the web";
    // A new link replaces the earlier one.
    const std::string first = TokenOfMail(0);
    EXPECT_EQ(Post("/api/v1/auth/password-reset", {{"email", "bea@example.org"}}).status, 202);
    const std::string second = TokenOfMail(1);
    EXPECT_EQ(Post("/api/v1/auth/password-reset/complete", {{"token", first}, {"password", kNewPassword}}).status, 422);
    EXPECT_EQ(Post("/api/v1/auth/password-reset", {{"email", "bea@example.org"}}).status, 202);
    auto limited = Post("/api/v1/auth/password-reset", {{"email", "bea@example.org"}});
    EXPECT_EQ(limited.status, 429);
    EXPECT_EQ(limited.Json().at("detail"), "Too many requests for a new link. Please wait 15 minutes and try again.");
    EXPECT_FALSE(limited.Header("Retry-After").empty());
    EXPECT_EQ(Post("/api/v1/auth/password-reset/complete", {{"token", second}, {"password", kNewPassword}}).status, 422)
        << "the third request replaced it";
}

TEST_F(PasswordResetTest, ALinkVoidsEveryOtherCodeOrLinkOfTheAccount) {
    // An invitation code issued earlier for the same account.
    const std::string code = "2345-6789-ABCD-EFGH-JKMN";
    database_->Acquire()->Execute(
        "INSERT INTO accounts_invitations (digest, user_id, created_at, expires_at) "
        "SELECT $1, id, $2, $3 FROM accounts_users WHERE email = 'ana@example.org'",
        {crypto::Sha256Hex(code), core::NowMs(), core::NowMs() + 3'600'000});
    EXPECT_EQ(Post("/api/v1/auth/password-reset", {{"email", "ana@example.org"}}).status, 202);
    const std::string token = TokenOfMail(0);
    EXPECT_EQ(Post("/api/v1/auth/password-reset/complete", {{"token", token}, {"password", kNewPassword}}).status, 204);
    auto invitation = Post("/api/v1/invitations/accept", {{"code", code}, {"password", "yet another passphrase"}});
    EXPECT_EQ(invitation.status, 422);
    EXPECT_EQ(Login("ana@example.org", kNewPassword).status, 200);
}

TEST_F(PasswordResetTest, WithoutAPublicAddress_NoLinkIsMailed) {
    // A link built from the request's Host could be sent to any site a forger names.
    testing::ServerProcess bare(url_, {"--smtp-url", sink_.url(), "--jobs-poll-ms", "20"});
    auto asked = testing::HttpClient(bare.port())
                     .Post("/api/v1/auth/password-reset", R"({"email":"ana@example.org"})", "application/json",
                           {{"Host", "attacker.example"}});
    EXPECT_EQ(asked.status, 202);
    auto connection = database_->Acquire();
    EXPECT_EQ(connection->Execute("SELECT COUNT(*) FROM jobs WHERE kind = 'mail.send'").Int(0, 0), 0);
    EXPECT_EQ(connection
                  ->Execute("SELECT COUNT(*) FROM audit_log WHERE action = 'auth.password_reset.request' AND "
                            "outcome = 'no_public_url'")
                  .Int(0, 0),
              1);
}

TEST_F(PasswordResetTest, ExpiredLinksAndBadInputAreRefused) {
    EXPECT_EQ(Post("/api/v1/auth/password-reset", {{"email", "ana@example.org"}}).status, 202);
    const std::string token = TokenOfMail(0);
    database_->Acquire()->Execute("UPDATE authentication_password_resets SET expires_at = $1", {core::NowMs() - 1});
    EXPECT_EQ(Post("/api/v1/auth/password-reset/complete", {{"token", token}, {"password", kNewPassword}}).status, 422);

    struct Case {
        std::string path;
        std::string body;
        std::string field;
    };
    const std::vector<Case> cases = {
        {"/api/v1/auth/password-reset", "{}", "email:required"},
        {"/api/v1/auth/password-reset", R"({"email":"no-at"})", "email:format"},
        {"/api/v1/auth/password-reset", R"({"email":"a@b.c","name":"x"})", "name:unknown"},
        {"/api/v1/auth/password-reset/complete", R"({"password":"a long passphrase"})", "token:required"},
        {"/api/v1/auth/password-reset/complete", R"({"token":"abc"})", "password:required"},
        {"/api/v1/auth/password-reset/complete", R"({"token":"abc","password":"a long passphrase"})",
         "token:invalid_token"},
        {"/api/v1/auth/password-reset/complete", R"({"token":")" + std::string(101, 'a') + R"(","password":"p"})",
         "token:too_long"},
    };
    for (const auto& c : cases) {
        auto response = testing::HttpClient(server_->port()).Post(c.path, c.body, "application/json");
        EXPECT_EQ(response.status, 422) << c.path << " " << c.body;
        auto problem = response.Json();
        const auto& error = problem.at("errors").at(0);
        EXPECT_EQ(std::string(error.at("field").as_string()) + ":" + std::string(error.at("code").as_string()),
                  c.field);
    }
    EXPECT_EQ(testing::HttpClient(server_->port()).Post("/api/v1/auth/password-reset", "{", "application/json").status,
              400);
}

}  // namespace
}  // namespace ponte::authentication

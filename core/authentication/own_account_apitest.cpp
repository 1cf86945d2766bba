// Her own account over HTTP against a real server: changing the password (the current one
// required, the rules of new passwords, the throttle, other sessions ended, this one renewed),
// the list of her sessions and ending one or all others, the second factor for a participant, and
// the sign-out that the web app's quick exit sends as it leaves.
#include "core/authentication/own_account.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/accounts/store.hpp"
#include "core/authentication/totp.hpp"
#include "core/crypto/random.hpp"
#include "core/feature.hpp"
#include "core/tenancy/store.hpp"
#include "core/testing/engine.hpp"
#include "core/testing/http_client.hpp"
#include "core/testing/server_process.hpp"

namespace ponte::authentication {
namespace {

constexpr std::string_view kPassword = "a long enough passphrase";
constexpr std::string_view kNewPassword = "rivers under the old bridge";
constexpr std::string_view kIphone =
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 "
    "Mobile/15E148 Safari/604.1";
constexpr std::string_view kAndroid =
    "Mozilla/5.0 (Linux; Android 14; SM-A546B) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile "
    "Safari/537.36";

class OwnAccountTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        directory_ = testing::MakeTempDirectory();
        url_ = testing::ApiDatabaseUrl(directory_);
        server_ = new testing::ServerProcess(url_);
        database_ = db::Database::Open(url_).release();
        crypto::PasswordHasher hasher({.passes = 1, .memory_bytes = 1 << 20});
        database_->Transact([&](db::Connection& connection) {
            const std::int64_t now = core::NowMs();
            const std::int64_t organization = tenancy::CreateOrganization(connection, "Women's centre", "ngo", now);
            for (const char* name : {"amal", "bintu", "chiara", "dunya", "elif", "farah", "giulia", "hana", "irina",
                                     "jamila", "karima", "lina"}) {
                accounts::User user{.email = std::string(name) + "@example.org", .display_name = name};
                user.password_hash = hasher.Hash(kPassword);
                const std::int64_t id = accounts::CreateUser(connection, user, now);
                tenancy::AddMembership(connection, id,
                                       {.role = policy::Role::kParticipant, .organization_id = organization}, 0, now);
            }
        });
    }
    static void TearDownTestSuite() {
        delete database_;
        delete server_;
        std::filesystem::remove_all(directory_);
    }

    using Headers = std::map<std::string, std::string>;

    // Cookie and X-CSRF-Token of a new session of `email`, signed in from `user_agent`.
    static Headers Login(std::string_view email, std::string_view password = kPassword,
                         std::string_view user_agent = kAndroid) {
        boost::json::object body{{"email", email}, {"password", password}};
        auto response = testing::HttpClient(server_->port())
                            .Post("/api/v1/auth/login", boost::json::serialize(body), "application/json",
                                  {{"User-Agent", std::string(user_agent)}});
        EXPECT_EQ(response.status, 200) << response.body;
        if (response.status != 200) return {};
        return Adopt(response);
    }
    // The session a sign-in-like answer set.
    static Headers Adopt(const testing::HttpResult& response) {
        const std::string cookie = response.Header("Set-Cookie");
        return {{"Cookie", cookie.substr(0, cookie.find(';'))},
                {"X-CSRF-Token", std::string(response.Json().at("csrf_token").as_string())}};
    }
    static testing::HttpResult Send(std::string_view method, std::string_view path, const Headers& session,
                                    std::string_view body = "") {
        auto headers = session;
        if (!body.empty()) headers["Content-Type"] = "application/json";
        return testing::HttpClient(server_->port()).Send(method, path, body, headers);
    }
    static int SessionStatus(const Headers& session) {
        return testing::HttpClient(server_->port()).Get("/api/v1/auth/session", session).status;
    }
    static testing::HttpResult ChangePassword(const Headers& session, std::string_view current,
                                              std::string_view chosen) {
        return Send(
            "POST", "/api/v1/auth/password", session,
            boost::json::serialize(boost::json::object{{"current_password", current}, {"new_password", chosen}}));
    }
    static boost::json::array Sessions(const Headers& session) {
        auto response = Send("GET", "/api/v1/auth/sessions", session);
        EXPECT_EQ(response.status, 200) << response.body;
        return response.Json().at("sessions").as_array();
    }
    // The fields in error of a problem, as "field:code" strings.
    static std::set<std::string> FieldErrors(const testing::HttpResult& response) {
        std::set<std::string> errors;
        const auto problem = response.Json();
        for (const auto& error : problem.at("errors").as_array()) {
            errors.insert(std::string(error.at("field").as_string()) + ":" + std::string(error.at("code").as_string()));
        }
        return errors;
    }
    static std::int64_t AuditCount(std::string_view action, std::string_view outcome) {
        return database_->Acquire()
            ->Execute("SELECT COUNT(*) FROM audit_log WHERE action = $1 AND outcome = $2",
                      {std::string(action), std::string(outcome)})
            .Int(0, 0);
    }

    static inline std::filesystem::path directory_;
    static inline std::string url_;
    static inline testing::ServerProcess* server_ = nullptr;
    static inline db::Database* database_ = nullptr;
};

TEST_F(OwnAccountTest, ChangePassword_WithTheCurrentOne_EndsOtherSessionsAndRenewsThisOne) {
    auto phone = Login("amal@example.org");
    auto computer = Login("amal@example.org");
    const auto audited = AuditCount("auth.password.change", "ok");
    // A code someone kept from earlier stops working with the change.
    database_->Transact([](db::Connection& connection) {
        connection.Execute(
            "INSERT INTO accounts_invitations (digest, user_id, created_at, expires_at) "
            "SELECT 'kept-code', id, 0, $1 FROM accounts_users WHERE email = 'amal@example.org'",
            {core::NowMs() + 3'600'000});
    });
    auto changed = ChangePassword(computer, kPassword, kNewPassword);
    ASSERT_EQ(changed.status, 200) << changed.body;
    EXPECT_EQ(changed.Json().at("user").at("display_name"), "amal");
    auto renewed = Adopt(changed);
    EXPECT_NE(renewed.at("Cookie"), computer.at("Cookie"));
    EXPECT_NE(renewed.at("X-CSRF-Token"), computer.at("X-CSRF-Token"));
    EXPECT_EQ(SessionStatus(renewed), 200);
    EXPECT_EQ(SessionStatus(computer), 401) << "the old id of this session is worth nothing";
    EXPECT_EQ(SessionStatus(phone), 401) << "other sessions end";
    EXPECT_EQ(Sessions(renewed).size(), 1u);
    EXPECT_EQ(AuditCount("auth.password.change", "ok"), audited + 1);
    EXPECT_TRUE(database_->Acquire()->Execute("SELECT 1 FROM accounts_invitations WHERE digest = 'kept-code'").empty());

    boost::json::object old_login{{"email", "amal@example.org"}, {"password", kPassword}};
    EXPECT_EQ(testing::HttpClient(server_->port())
                  .Post("/api/v1/auth/login", boost::json::serialize(old_login), "application/json")
                  .status,
              401);
    EXPECT_FALSE(Login("amal@example.org", kNewPassword).empty());
}

TEST_F(OwnAccountTest, ChangePassword_WrongCurrentOne_Is422NamingItAndCountsAsAFailedSignIn) {
    auto session = Login("bintu@example.org");
    auto other = Login("bintu@example.org");
    const auto failed = AuditCount("auth.password.change", "failed");
    auto wrong = ChangePassword(session, "not my password", kNewPassword);
    ASSERT_EQ(wrong.status, 422) << wrong.body;
    EXPECT_EQ(FieldErrors(wrong), std::set<std::string>{"current_password:wrong_password"});
    EXPECT_EQ(wrong.Json().at("errors").as_array().at(0).at("message"), "The current password is wrong");
    EXPECT_EQ(AuditCount("auth.password.change", "failed"), failed + 1);
    EXPECT_EQ(SessionStatus(other), 200) << "nothing changed";
    // Four more: the account is locked, for this route and for signing in alike.
    for (int i = 0; i < 4; ++i) EXPECT_EQ(ChangePassword(session, "still not it", kNewPassword).status, 422);
    auto locked = ChangePassword(session, kPassword, kNewPassword);
    EXPECT_EQ(locked.status, 429) << locked.body;
    EXPECT_FALSE(locked.Header("Retry-After").empty());
    boost::json::object login{{"email", "bintu@example.org"}, {"password", kPassword}};
    EXPECT_EQ(testing::HttpClient(server_->port())
                  .Post("/api/v1/auth/login", boost::json::serialize(login), "application/json")
                  .status,
              429);
}

TEST_F(OwnAccountTest, ChangePassword_NewOneBreakingTheRules_Is422NamingNewPassword) {
    auto session = Login("chiara@example.org");
    EXPECT_EQ(FieldErrors(ChangePassword(session, kPassword, "short")),
              std::set<std::string>{"new_password:too_short"});
    EXPECT_EQ(FieldErrors(ChangePassword(session, kPassword, "chiara@example.org")),
              std::set<std::string>{"new_password:common"});
    EXPECT_EQ(FieldErrors(ChangePassword(session, kPassword, std::string(300, 'q') + "x")),
              std::set<std::string>{"new_password:too_long"});
    // Both mistakes at once.
    EXPECT_EQ(FieldErrors(ChangePassword(session, "wrong one", "short")),
              (std::set<std::string>{"current_password:wrong_password", "new_password:too_short"}));
    EXPECT_EQ(SessionStatus(session), 200);
    EXPECT_FALSE(Login("chiara@example.org").empty()) << "the password is unchanged";
}

TEST_F(OwnAccountTest, ChangePassword_BadBodies_NameTheField) {
    auto session = Login("dunya@example.org");
    const std::vector<std::pair<std::string, std::set<std::string>>> cases = {
        {"{}", {"current_password:required", "new_password:required"}},
        {R"({"current_password":1,"new_password":"rivers under the old bridge"})", {"current_password:type"}},
        {R"({"current_password":"x","new_password":""})", {"new_password:required"}},
        {R"({"current_password":"x","new_password":"rivers under the old bridge","admin":true})", {"admin:unknown"}},
    };
    for (const auto& [body, expected] : cases) {
        auto response = Send("POST", "/api/v1/auth/password", session, body);
        EXPECT_EQ(response.status, 422) << body;
        EXPECT_EQ(FieldErrors(response), expected) << body;
    }
    EXPECT_EQ(Send("POST", "/api/v1/auth/password", session, "[").status, 400);
    // Without the CSRF token, or signed out: refused before anything is read.
    Headers no_token{{"Cookie", session.at("Cookie")}};
    EXPECT_EQ(Send("POST", "/api/v1/auth/password", no_token, "{}").status, 403);
    EXPECT_EQ(Send("POST", "/api/v1/auth/password", {}, "{}").status, 401);
}

TEST_F(OwnAccountTest, Sessions_ListsHersWithDeviceAndBrowserButNoAddress) {
    auto phone = Login("elif@example.org", kPassword, kIphone);
    auto other = Login("elif@example.org", kPassword, kAndroid);
    auto someone_else = Login("farah@example.org");
    auto response = Send("GET", "/api/v1/auth/sessions", other);
    ASSERT_EQ(response.status, 200);
    EXPECT_EQ(response.body.find("127.0.0.1"), std::string::npos) << "no address: " << response.body;
    auto sessions = response.Json().at("sessions").as_array();
    ASSERT_EQ(sessions.size(), 2u) << "hers only";
    std::map<std::string, boost::json::object> by_browser;
    for (const auto& session : sessions)
        by_browser[std::string(session.at("browser").as_string())] = session.as_object();
    ASSERT_TRUE(by_browser.contains("Safari") && by_browser.contains("Chrome")) << response.body;
    EXPECT_EQ(by_browser["Safari"].at("device"), "phone");
    EXPECT_EQ(by_browser["Safari"].at("system"), "iOS");
    EXPECT_EQ(by_browser["Safari"].at("current"), false);
    EXPECT_EQ(by_browser["Chrome"].at("system"), "Android");
    EXPECT_EQ(by_browser["Chrome"].at("current"), true);
    for (const auto& [browser, session] : by_browser) {
        const std::string id(session.at("id").as_string());
        EXPECT_LE(id.size(), 24u);
        EXPECT_EQ(phone.at("Cookie").find(id), std::string::npos) << "not the cookie";
        EXPECT_EQ(crypto::Sha256Hex(phone.at("Cookie").substr(phone.at("Cookie").find('=') + 1)).find(id),
                  std::string::npos)
            << "not the digest";
        EXPECT_GT(session.at("created_at").as_int64(), 0);
        EXPECT_GE(session.at("last_seen_at").as_int64(), session.at("created_at").as_int64());
    }
    EXPECT_EQ(Send("GET", "/api/v1/auth/sessions", {}).status, 401);
}

TEST_F(OwnAccountTest, EndSession_AnotherPersonsOrAMissingId_AnswersAlike) {
    auto mine = Login("giulia@example.org");
    auto theirs = Login("hana@example.org");
    const std::string their_id(Sessions(theirs).at(0).as_object().at("id").as_string());
    auto foreign = Send("DELETE", "/api/v1/auth/sessions/" + their_id, mine);
    auto missing = Send("DELETE", "/api/v1/auth/sessions/" + crypto::RandomToken(12), mine);
    EXPECT_EQ(foreign.status, 404);
    EXPECT_EQ(missing.status, foreign.status);
    EXPECT_EQ(missing.Json().at("type"), foreign.Json().at("type"));
    EXPECT_EQ(missing.Json().at("title"), foreign.Json().at("title"));
    EXPECT_EQ(SessionStatus(theirs), 200) << "her session lives on";
}

TEST_F(OwnAccountTest, EndSession_OneOfHers_EndsThatOneOnly_AndThisOneClearsTheCookie) {
    auto first = Login("irina@example.org", kPassword, kIphone);
    auto second = Login("irina@example.org");
    auto third = Login("irina@example.org");
    std::string phone_id;
    std::string this_id;
    for (const auto& session : Sessions(third)) {
        if (session.at("browser") == "Safari") phone_id = session.at("id").as_string();
        if (session.at("current").as_bool()) this_id = session.at("id").as_string();
    }
    const auto audited = AuditCount("auth.session.end", "ok");
    EXPECT_EQ(Send("DELETE", "/api/v1/auth/sessions/" + phone_id, third).status, 204);
    EXPECT_EQ(SessionStatus(first), 401);
    EXPECT_EQ(SessionStatus(second), 200);
    EXPECT_EQ(SessionStatus(third), 200);
    EXPECT_EQ(Send("DELETE", "/api/v1/auth/sessions/" + phone_id, third).status, 404) << "ended already";
    EXPECT_EQ(AuditCount("auth.session.end", "ok"), audited + 1);

    auto self = Send("DELETE", "/api/v1/auth/sessions/" + this_id, third);
    EXPECT_EQ(self.status, 204);
    EXPECT_NE(self.Header("Set-Cookie").find("Max-Age=0"), std::string::npos);
    EXPECT_EQ(SessionStatus(third), 401);
    EXPECT_EQ(SessionStatus(second), 200);
}

TEST_F(OwnAccountTest, EndOthers_EndsEveryOtherSessionAndKeepsThisOne) {
    auto first = Login("jamila@example.org");
    auto second = Login("jamila@example.org");
    auto kept = Login("jamila@example.org");
    auto someone_else = Login("lina@example.org");
    auto ended = Send("POST", "/api/v1/auth/sessions/end-others", kept);
    ASSERT_EQ(ended.status, 200) << ended.body;
    EXPECT_EQ(ended.Json().at("ended"), 2);
    EXPECT_EQ(SessionStatus(first), 401);
    EXPECT_EQ(SessionStatus(second), 401);
    EXPECT_EQ(SessionStatus(kept), 200);
    EXPECT_EQ(SessionStatus(someone_else), 200);
    EXPECT_EQ(Sessions(kept).size(), 1u);
    EXPECT_EQ(Send("POST", "/api/v1/auth/sessions/end-others", {{"Cookie", kept.at("Cookie")}}).status, 403)
        << "the CSRF token is required";
}

TEST_F(OwnAccountTest, Participant_SetsUpASecondFactor_ThenNeedsItToSignIn) {
    auto session = Login("karima@example.org");
    auto started = Send("POST", "/api/v1/auth/totp/enrolment", session);
    ASSERT_EQ(started.status, 201) << started.body;
    const std::string secret(started.Json().at("secret").as_string());
    // Whoever holds her unlocked phone cannot tie her account to their own app: her password first.
    const std::string code = TotpCode(secret, core::NowMs() / 1000);
    auto no_password = Send("POST", "/api/v1/auth/totp/enrolment/confirm", session,
                            boost::json::serialize(boost::json::object{{"code", code}}));
    EXPECT_EQ(no_password.status, 422);
    EXPECT_EQ(FieldErrors(no_password), std::set<std::string>{"current_password:required"});
    const auto failed = AuditCount("auth.totp.confirm", "wrong_password");
    auto wrong = Send("POST", "/api/v1/auth/totp/enrolment/confirm", session,
                      boost::json::serialize(boost::json::object{{"code", code}, {"current_password", "a guess"}}));
    EXPECT_EQ(wrong.status, 422);
    EXPECT_EQ(FieldErrors(wrong), std::set<std::string>{"current_password:wrong_password"});
    // A wrong password here is a failed sign-in like any other: audited, and counted by the throttle.
    EXPECT_EQ(AuditCount("auth.totp.confirm", "wrong_password"), failed + 1);
    auto confirmed = Send("POST", "/api/v1/auth/totp/enrolment/confirm", session,
                          boost::json::serialize(boost::json::object{{"code", code}, {"current_password", kPassword}}));
    ASSERT_EQ(confirmed.status, 200) << confirmed.body;
    EXPECT_EQ(confirmed.Json().at("recovery_codes").as_array().size(), 10u);
    boost::json::object login{{"email", "karima@example.org"}, {"password", kPassword}};
    auto again = testing::HttpClient(server_->port())
                     .Post("/api/v1/auth/login", boost::json::serialize(login), "application/json");
    ASSERT_EQ(again.status, 200);
    EXPECT_EQ(again.Json().at("second_factor"), "required");
    EXPECT_EQ(Send("GET", "/api/v1/auth/sessions", Adopt(again)).status, 403) << "not before the second step";
}

// The web app's quick exit ends the session with a keep-alive fetch as the page leaves: a POST
// with the browser's Origin, the CSRF token and no body. The server must end the session for it.
TEST_F(OwnAccountTest, Logout_AsTheQuickExitSendsIt_EndsTheSession) {
    auto session = Login("lina@example.org");
    auto headers = session;
    headers["Origin"] = "http://127.0.0.1:" + std::to_string(server_->port());
    auto done = testing::HttpClient(server_->port()).Send("POST", "/api/v1/auth/logout", "", headers);
    EXPECT_EQ(done.status, 204) << done.body;
    EXPECT_EQ(SessionStatus(session), 401);
}

}  // namespace
}  // namespace ponte::authentication

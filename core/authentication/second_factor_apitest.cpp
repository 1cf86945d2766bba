// Two-step sign-in over HTTP against a real server: staff cannot reach anything before the second
// step; enrolment with a QR code and a first code; sign-in with a TOTP code or a recovery code;
// replayed, wrong and malformed codes; throttling; demo mode; the secret sealed at rest.
#include "core/authentication/second_factor.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "core/accounts/store.hpp"
#include "core/authentication/totp.hpp"
#include "core/crypto/keyring.hpp"
#include "core/feature.hpp"
#include "core/tenancy/store.hpp"
#include "core/testing/engine.hpp"
#include "core/testing/http_client.hpp"
#include "core/testing/server_process.hpp"

namespace ponte::authentication {
namespace {

constexpr std::string_view kPassword = "a long enough passphrase";

class SecondFactorTest : public ::testing::Test {
  protected:
    static void SetUpTestSuite() {
        directory_ = testing::MakeTempDirectory();
        url_ = testing::ApiDatabaseUrl(directory_);
        server_ = new testing::ServerProcess(url_);
        database_ = db::Database::Open(url_).release();
        crypto::PasswordHasher hasher({.passes = 1, .memory_bytes = 1 << 20});
        database_->Transact([&](db::Connection& connection) {
            const std::int64_t now = core::NowMs();
            organization_ = tenancy::CreateOrganization(connection, "Women's centre", "ngo", now);
            for (const char* name : {"ana", "bea", "carla", "dina", "eva", "fatma", "gul"}) {
                accounts::User user{.email = std::string(name) + "@example.org", .display_name = name};
                user.password_hash = hasher.Hash(kPassword);
                std::int64_t id = accounts::CreateUser(connection, user, now);
                const auto role = std::string(name) == "gul" ? policy::Role::kParticipant : policy::Role::kCoordinator;
                tenancy::AddMembership(connection, id, {.role = role, .organization_id = organization_}, 0, now);
            }
        });
    }
    static void TearDownTestSuite() {
        delete database_;
        delete server_;
        std::filesystem::remove_all(directory_);
    }

    struct Session {
        std::map<std::string, std::string> headers;  // Cookie and X-CSRF-Token
        boost::json::object body;                    // the login answer
    };

    static Session Login(std::string_view email, const testing::ServerProcess& server = *server_) {
        boost::json::object body{{"email", email}, {"password", kPassword}};
        auto response = testing::HttpClient(server.port())
                            .Post("/api/v1/auth/login", boost::json::serialize(body), "application/json");
        EXPECT_EQ(response.status, 200) << response.body;
        const std::string cookie = response.Header("Set-Cookie");
        auto answer = response.Json().as_object();
        return {{{"Cookie", cookie.substr(0, cookie.find(';'))},
                 {"X-CSRF-Token", std::string(answer.at("csrf_token").as_string())}},
                answer};
    }
    static testing::HttpResult Post(const Session& session, std::string_view path, std::string_view body = "") {
        auto headers = session.headers;
        if (!body.empty()) headers["Content-Type"] = "application/json";
        return testing::HttpClient(server_->port()).Send("POST", path, body, headers);
    }
    static testing::HttpResult Get(const Session& session, std::string_view path) {
        return testing::HttpClient(server_->port()).Get(path, session.headers);
    }
    // Takes the new session id (and CSRF token) that passing the second factor gives, checking that
    // the old id no longer works.
    static void Adopt(Session& session, const testing::HttpResult& answer) {
        const std::string cookie = answer.Header("Set-Cookie");
        ASSERT_FALSE(cookie.empty()) << "passing the second factor must give a new session id";
        const auto old = session.headers;
        session.headers["Cookie"] = cookie.substr(0, cookie.find(';'));
        EXPECT_NE(session.headers["Cookie"], old.at("Cookie"));
        EXPECT_EQ(Get(Session{old, {}}, "/api/v1/auth/session").status, 401) << "the old id is worthless";
        auto current = Get(session, "/api/v1/auth/session");
        ASSERT_EQ(current.status, 200);
        session.headers["X-CSRF-Token"] = std::string(current.Json().at("csrf_token").as_string());
        EXPECT_NE(session.headers["X-CSRF-Token"], old.at("X-CSRF-Token"));
    }
    static std::string Code(std::string_view code) {
        return boost::json::serialize(boost::json::object{{"code", code}});
    }
    static std::int64_t Now() { return core::NowMs() / 1000; }
    static std::int64_t AuditCount(std::string_view action, std::string_view outcome) {
        return database_->Acquire()
            ->Execute("SELECT COUNT(*) FROM audit_log WHERE action = $1 AND outcome = $2",
                      {std::string(action), std::string(outcome)})
            .Int(0, 0);
    }
    std::string MembersPath() const {
        return "/api/v1/organizations/" + std::to_string(organization_) + "/memberships";
    }

    // Enrols `email`: signs in, starts, confirms with the current code. Returns the secret and
    // the recovery codes, and leaves the session verified.
    struct Enrolled {
        Session session;
        std::string secret;
        std::vector<std::string> recovery_codes;
        std::int64_t at = 0;  // the time whose code confirmed the enrolment
    };
    static Enrolled Enrol(std::string_view email) {
        Enrolled enrolled{Login(email), "", {}};
        auto started = Post(enrolled.session, "/api/v1/auth/totp/enrolment");
        EXPECT_EQ(started.status, 201) << started.body;
        enrolled.secret = std::string(started.Json().at("secret").as_string());
        enrolled.at = Now();
        auto confirmed =
            Post(enrolled.session, "/api/v1/auth/totp/enrolment/confirm", Code(TotpCode(enrolled.secret, enrolled.at)));
        EXPECT_EQ(confirmed.status, 200) << confirmed.body;
        Adopt(enrolled.session, confirmed);
        auto answer = confirmed.Json();
        for (const auto& code : answer.at("recovery_codes").as_array()) {
            enrolled.recovery_codes.emplace_back(code.as_string());
        }
        return enrolled;
    }

    static inline std::filesystem::path directory_;
    static inline std::string url_;
    static inline testing::ServerProcess* server_ = nullptr;
    static inline db::Database* database_ = nullptr;
    static inline std::int64_t organization_ = 0;
};

TEST_F(SecondFactorTest, StaffWithoutTotp_MustEnrolBeforeReachingAnything) {
    auto session = Login("ana@example.org");
    EXPECT_EQ(session.body.at("second_factor"), "enrolment_required");
    auto refused = Get(session, MembersPath());
    EXPECT_EQ(refused.status, 403);
    EXPECT_EQ(refused.Json().at("type"), "/problems/forbidden");
    EXPECT_EQ(Get(session, "/api/v1/auth/session").status, 200);

    auto started = Post(session, "/api/v1/auth/totp/enrolment");
    ASSERT_EQ(started.status, 201) << started.body;
    auto enrolment = started.Json().as_object();
    const std::string secret(enrolment.at("secret").as_string());
    EXPECT_EQ(enrolment.at("otpauth_uri").as_string(), "otpauth://totp/Ponte:ana%40example.org?secret=" + secret +
                                                           "&issuer=Ponte&algorithm=SHA1&digits=6&period=30");
    EXPECT_TRUE(enrolment.at("qr_svg").as_string().starts_with("<svg"));

    // At rest the secret is sealed, bound to its user, and opens with the server's keys.
    auto stored = database_->Acquire()->Execute(
        "SELECT t.secret, t.user_id FROM authentication_totp t JOIN accounts_users u ON u.id = t.user_id WHERE u.email "
        "= $1",
        {std::string("ana@example.org")});
    ASSERT_EQ(stored.size(), 1u);
    EXPECT_EQ(stored.Text(0, 0).find(secret), std::string::npos);
    const auto keyring = crypto::Keyring::Parse(testing::TestKeys());
    EXPECT_EQ(keyring.Open(stored.Text(0, 0), crypto::FieldContext("auth_totp", "secret", stored.Int(0, 1))), secret);

    // Still refused until confirmed; a wrong first code changes nothing.
    EXPECT_EQ(Get(session, MembersPath()).status, 403);
    auto wrong = Post(session, "/api/v1/auth/totp/enrolment/confirm", Code(TotpCode(secret, Now() - 300)));
    EXPECT_EQ(wrong.status, 422);
    EXPECT_EQ(wrong.Json().at("errors").at(0).at("field"), "code");
    EXPECT_EQ(wrong.Json().at("errors").at(0).at("code"), "wrong_code");

    auto confirmed = Post(session, "/api/v1/auth/totp/enrolment/confirm", Code(TotpCode(secret, Now())));
    ASSERT_EQ(confirmed.status, 200) << confirmed.body;
    Adopt(session, confirmed);
    auto answer = confirmed.Json();
    const auto& codes = answer.at("recovery_codes").as_array();
    EXPECT_EQ(codes.size(), 10u);
    EXPECT_EQ(Get(session, "/api/v1/auth/session").Json().at("second_factor"), "verified");
    EXPECT_EQ(Get(session, MembersPath()).status, 200);
    // Enrolled: starting again is refused, in this session and later ones.
    EXPECT_EQ(Post(session, "/api/v1/auth/totp/enrolment").status, 409);
    EXPECT_EQ(Post(Login("ana@example.org"), "/api/v1/auth/totp/enrolment").status, 409);
}

TEST_F(SecondFactorTest, EnrolledAccount_PassesWithANewCodeButNeverAReplayedOne) {
    auto enrolled = Enrol("bea@example.org");
    auto session = Login("bea@example.org");
    EXPECT_EQ(session.body.at("second_factor"), "required");
    EXPECT_EQ(Get(session, MembersPath()).status, 403);

    // The code used at enrolment is spent (read at the enrolment's time, not at a later step).
    auto replayed = Post(session, "/api/v1/auth/second-factor", Code(TotpCode(enrolled.secret, enrolled.at)));
    EXPECT_EQ(replayed.status, 422) << replayed.body;
    auto passed = Post(session, "/api/v1/auth/second-factor", Code(TotpCode(enrolled.secret, enrolled.at + 30)));
    ASSERT_EQ(passed.status, 200) << passed.body;
    EXPECT_EQ(passed.Json().at("second_factor"), "verified");
    Adopt(session, passed);
    EXPECT_EQ(Get(session, MembersPath()).status, 200);

    // The same code again, in another session: refused.
    auto other = Login("bea@example.org");
    EXPECT_EQ(Post(other, "/api/v1/auth/second-factor", Code(TotpCode(enrolled.secret, enrolled.at + 30))).status, 422);
    EXPECT_EQ(Get(other, MembersPath()).status, 403);
    EXPECT_GE(AuditCount("auth.second_factor", "failed"), 2);
    EXPECT_GE(AuditCount("auth.second_factor", "ok"), 1);
}

TEST_F(SecondFactorTest, RecoveryCodes_WorkOnceAndRenewingVoidsTheOldOnes) {
    auto enrolled = Enrol("carla@example.org");
    auto first = Login("carla@example.org");
    // Typed in lower case with spaces, as people do.
    std::string typed = enrolled.recovery_codes[0];
    for (auto& c : typed) c = c == '-' ? ' ' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto passed = Post(first, "/api/v1/auth/second-factor", Code(typed));
    ASSERT_EQ(passed.status, 200) << passed.body;
    Adopt(first, passed);
    EXPECT_EQ(AuditCount("auth.second_factor", "ok_recovery_code"), 1);

    auto second = Login("carla@example.org");
    EXPECT_EQ(Post(second, "/api/v1/auth/second-factor", Code(enrolled.recovery_codes[0])).status, 422);

    // Renewing needs a fresh code from the app: the session alone is not enough.
    EXPECT_EQ(Post(first, "/api/v1/auth/recovery-codes", Code(enrolled.recovery_codes[2])).status, 422);
    EXPECT_EQ(Post(first, "/api/v1/auth/recovery-codes", "{}").status, 422);
    auto renewed = Post(first, "/api/v1/auth/recovery-codes", Code(TotpCode(enrolled.secret, Now() + 30)));
    ASSERT_EQ(renewed.status, 201) << renewed.body;
    auto fresh = renewed.Json();
    EXPECT_EQ(fresh.at("recovery_codes").as_array().size(), 10u);
    EXPECT_EQ(Post(second, "/api/v1/auth/second-factor", Code(enrolled.recovery_codes[1])).status, 422);
    EXPECT_EQ(
        Post(second, "/api/v1/auth/second-factor", Code(std::string(fresh.at("recovery_codes").at(1).as_string())))
            .status,
        200);
}

TEST_F(SecondFactorTest, WrongCodes_AreThrottledPerAccount) {
    auto enrolled = Enrol("dina@example.org");
    auto session = Login("dina@example.org");
    for (int i = 0; i < 5; ++i) {
        EXPECT_EQ(Post(session, "/api/v1/auth/second-factor", Code("000000")).status, 422);
    }
    auto locked = Post(session, "/api/v1/auth/second-factor", Code(TotpCode(enrolled.secret, Now() + 30)));
    EXPECT_EQ(locked.status, 429);
    EXPECT_FALSE(locked.Header("Retry-After").empty());
    EXPECT_GE(AuditCount("auth.second_factor", "throttled"), 1);
    EXPECT_EQ(Get(session, MembersPath()).status, 403);
    // While the codes are locked out, the right password opens no new session either.
    boost::json::object body{{"email", "dina@example.org"}, {"password", kPassword}};
    auto again = testing::HttpClient(server_->port())
                     .Post("/api/v1/auth/login", boost::json::serialize(body), "application/json");
    EXPECT_EQ(again.status, 429) << again.body;
    EXPECT_EQ(again.Json().at("detail"), "Too many wrong codes. Please wait 15 minutes and try again.");
    EXPECT_TRUE(again.Header("Set-Cookie").empty());
    database_->Acquire()->Execute("DELETE FROM throttle_keys");
}

TEST_F(SecondFactorTest, BadInput_IsAProblemNamingTheField) {
    auto session = Login("eva@example.org");
    struct Case {
        std::string body;
        std::string content_type;
        int status;
        std::string field;  // "field:code", or empty
    };
    const std::vector<Case> cases = {
        {"{}", "application/json", 422, "code:required"},
        {R"({"code":123456})", "application/json", 422, "code:type"},
        {R"({"code":""})", "application/json", 422, "code:required"},
        {R"({"code":")" + std::string(65, '1') + R"("})", "application/json", 422, "code:too_long"},
        {R"({"code":"123456","trust":true})", "application/json", 422, "trust:unknown"},
        {R"({"code":)", "application/json", 400, ""},
        {"code=123456", "application/x-www-form-urlencoded", 415, ""},
    };
    for (const char* path : {"/api/v1/auth/second-factor", "/api/v1/auth/totp/enrolment/confirm"}) {
        for (const auto& c : cases) {
            auto headers = session.headers;
            headers["Content-Type"] = c.content_type;
            auto response = testing::HttpClient(server_->port()).Send("POST", path, c.body, headers);
            EXPECT_EQ(response.status, c.status) << path << " " << c.body;
            EXPECT_EQ(response.Header("Content-Type"), "application/problem+json");
            if (!c.field.empty()) {
                auto problem = response.Json();
                const auto& error = problem.at("errors").at(0);
                EXPECT_EQ(std::string(error.at("field").as_string()) + ":" + std::string(error.at("code").as_string()),
                          c.field);
            }
        }
    }
    // Not enrolled: nothing to pass or confirm yet.
    EXPECT_EQ(Post(session, "/api/v1/auth/second-factor", Code("123456")).status, 409);
    EXPECT_EQ(Post(session, "/api/v1/auth/totp/enrolment/confirm", Code("123456")).status, 409);
    // Without the CSRF token, or from a foreign origin: refused before anything else.
    auto headers = session.headers;
    headers.erase("X-CSRF-Token");
    EXPECT_EQ(testing::HttpClient(server_->port()).Send("POST", "/api/v1/auth/totp/enrolment", "", headers).status,
              403);
    headers = session.headers;
    headers["Origin"] = "https://elsewhere.example";
    EXPECT_EQ(testing::HttpClient(server_->port()).Send("POST", "/api/v1/auth/totp/enrolment", "", headers).status,
              403);
    // Anonymous: 401.
    EXPECT_EQ(testing::HttpClient(server_->port()).Send("POST", "/api/v1/auth/totp/enrolment", "", {}).status, 401);
}

TEST_F(SecondFactorTest, Participants_NeedNoSecondFactorUnlessTheyEnrolled) {
    auto session = Login("gul@example.org");
    EXPECT_EQ(session.body.at("second_factor"), "not_required");
    EXPECT_EQ(Post(session, "/api/v1/auth/recovery-codes", Code("123456")).status, 409);  // nothing enrolled
}

TEST_F(SecondFactorTest, DemoMode_LetsStaffInWithoutTotpButNotThoseWhoEnrolled) {
    Enrol("fatma@example.org");
    testing::ServerProcess demo(url_, {"--demo"});
    auto staff = Login("eva@example.org", demo);
    EXPECT_EQ(staff.body.at("second_factor"), "not_required");
    EXPECT_EQ(testing::HttpClient(demo.port()).Get(MembersPath(), staff.headers).status, 200);
    auto enrolled = Login("fatma@example.org", demo);
    EXPECT_EQ(enrolled.body.at("second_factor"), "required");
    EXPECT_EQ(testing::HttpClient(demo.port()).Get(MembersPath(), enrolled.headers).status, 403);
    EXPECT_EQ(testing::HttpClient(demo.port()).Get("/api/v1/meta").Json().at("demo"), true);
    EXPECT_EQ(testing::HttpClient(server_->port()).Get("/api/v1/meta").Json().at("demo"), false);
}

}  // namespace
}  // namespace ponte::authentication

// Accounts made by staff, invitations, disabling and membership removal over HTTP against a real
// server, with the seeded world of every role: who may do what to whom, what a spent, expired or
// guessed code gets, and what the audit log keeps.
#include "core/identity/users.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <regex>

#include "core/feature.hpp"
#include "core/privacy/privacy.hpp"
#include "core/testing/application.hpp"
#include "core/testing/engine.hpp"
#include "core/testing/http_client.hpp"
#include "core/testing/identities.hpp"
#include "core/testing/server_process.hpp"
#include "core/testing/world_test.hpp"

namespace ponte::identity {
namespace {

using policy::Role;

constexpr std::string_view kPassphrase = "three words I remember";

class UsersTest : public testing::WorldTest {
  protected:
    std::string UsersPath(std::int64_t organization) const {
        return "/api/v1/organizations/" + std::to_string(organization) + "/users";
    }
    // A POST by `role` that names the version it changes.
    testing::HttpResult AsMatching(Role role, std::string_view path, std::string_view if_match) {
        auto headers = world_->SignIn(world_->actor(role));
        headers["If-Match"] = std::string(if_match);
        return Send("POST", path, "", headers);
    }
    static std::string UserPath(std::int64_t user_id, std::string_view what) {
        return "/api/v1/users/" + std::to_string(user_id) + "/" + std::string(what);
    }
    testing::HttpResult Accept(std::string_view code, std::string_view password) {
        return Send("POST", "/api/v1/invitations/accept",
                    boost::json::serialize(boost::json::object{{"code", code}, {"password", password}}), {});
    }
    testing::HttpResult Login(std::string_view email, std::string_view password) {
        return Send("POST", "/api/v1/auth/login",
                    boost::json::serialize(boost::json::object{{"email", email}, {"password", password}}), {});
    }
    static std::string Code(const testing::HttpResult& created) {
        auto body = created.Json();
        const auto* invitation = body.as_object().if_contains("invitation");
        return invitation ? std::string(invitation->at("code").as_string()) : "";
    }
};

TEST_F(UsersTest, CaseWorker_CreatesAParticipantWhoSetsHerOwnPassphraseWithTheCode) {
    const std::int64_t own = world_->own_organization;
    auto created =
        As(Role::kCaseWorker, "POST", UsersPath(own), R"({"display_name":"Amina","role":"participant","locale":"ar"})");
    ASSERT_EQ(created.status, 201) << created.body;
    auto body = created.Json().as_object();
    EXPECT_EQ(body.at("role"), "participant");
    EXPECT_FALSE(body.contains("email"));
    const auto& invitation = body.at("invitation").as_object();
    const std::string code(invitation.at("code").as_string());
    EXPECT_TRUE(std::regex_match(code, std::regex("([2-9A-HJKMNP-TV-Z]{4}-){4}[2-9A-HJKMNP-TV-Z]{4}"))) << code;
    EXPECT_EQ(invitation.at("url").as_string(),
              "https://127.0.0.1:" + std::to_string(server_->port()) + "/invite#" + code);
    EXPECT_TRUE(invitation.at("qr_svg").as_string().starts_with("<svg"));
    EXPECT_GT(invitation.at("expires_at").as_int64(), core::NowMs() + 13LL * 24 * 3600 * 1000);
    // Only the digest is stored.
    EXPECT_TRUE(database_->Acquire()->Execute("SELECT 1 FROM accounts_invitations WHERE digest = $1", {code}).empty());

    // A weak passphrase is refused and the code stays usable; typed in lower case, it still works.
    auto weak = Accept(code, "amina");
    EXPECT_EQ(weak.status, 422);
    EXPECT_EQ(FieldError(weak), "password:too_short");
    std::string typed = code;
    for (auto& c : typed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto accepted = Accept(typed, kPassphrase);
    ASSERT_EQ(accepted.status, 200) << accepted.body;
    EXPECT_EQ(accepted.Json().at("user").at("display_name"), "Amina");
    EXPECT_EQ(accepted.Json().at("second_factor"), "not_required");
    const std::string cookie = accepted.Header("Set-Cookie");
    EXPECT_EQ(testing::HttpClient(server_->port())
                  .Get("/api/v1/auth/session", {{"Cookie", cookie.substr(0, cookie.find(';'))}})
                  .status,
              200);

    // Spent: the same code again is refused like a guessed one.
    auto again = Accept(code, "another long passphrase");
    EXPECT_EQ(again.status, 422);
    EXPECT_EQ(FieldError(again), "code:invalid_invitation");
    EXPECT_EQ(AuditCount("auth.user.create", "ok"), 1);
    EXPECT_EQ(AuditCount("auth.invitation.accept", "ok"), 1);
    EXPECT_EQ(AuditCount("auth.invitation.accept", "failed"), 1);
}

TEST_F(UsersTest, CaseWorkers_GiveOnlyTheRolesOfThePeopleTheyAccompany) {
    const std::int64_t own = world_->own_organization;
    for (const char* role : {"participant", "community_member", "mentor"}) {
        auto created = As(Role::kCaseWorker, "POST", UsersPath(own),
                          std::string(R"({"display_name":"P","role":")") + role + "\"}");
        EXPECT_EQ(created.status, 201) << role << " " << created.body;
    }
    for (const char* role : {"case_worker", "coordinator", "org_admin"}) {
        auto refused = As(Role::kCaseWorker, "POST", UsersPath(own),
                          std::string(R"({"display_name":"S","role":")") + role + "\"}");
        EXPECT_EQ(refused.status, 403) << role;
        EXPECT_EQ(refused.Json().at("detail"), "This role cannot be given here.");
    }
    EXPECT_EQ(AuditCount("auth.user.create", "denied_role"), 3);
    EXPECT_EQ(As(Role::kOrgAdmin, "POST", UsersPath(own), R"({"display_name":"S","role":"coordinator"})").status, 201);
    // Roles wider than an organization are never given here, not even by a platform admin.
    auto wide = As(Role::kPlatformAdmin, "POST", UsersPath(own), R"({"display_name":"S","role":"platform_admin"})");
    EXPECT_EQ(wide.status, 422);
    EXPECT_EQ(FieldError(wide), "role:format");
}

TEST_F(UsersTest, Reinvitation_ReplacesTheCodeButNeverTakesOverAColleague) {
    const std::int64_t own = world_->own_organization;
    auto created = As(Role::kCaseWorker, "POST", UsersPath(own), R"({"display_name":"Bea","role":"participant"})");
    ASSERT_EQ(created.status, 201);
    const std::int64_t bea = created.Json().at("id").as_int64();
    const std::string first = Code(created);
    auto renewed = As(Role::kCaseWorker, "POST", UserPath(bea, "invitation"), "{}");
    ASSERT_EQ(renewed.status, 201) << renewed.body;
    EXPECT_EQ(Accept(first, kPassphrase).status, 422);
    EXPECT_EQ(Accept(Code(renewed), kPassphrase).status, 200);

    // A case worker cannot re-invite (and so reset the password of) a coordinator; an org admin can.
    const std::int64_t coordinator = world_->actor(Role::kCoordinator).user_id;
    auto refused = As(Role::kCaseWorker, "POST", UserPath(coordinator, "invitation"), "{}");
    EXPECT_EQ(refused.status, 403);
    EXPECT_EQ(refused.Json().at("detail"), "This account holds a role you cannot manage.");
    EXPECT_EQ(As(Role::kOrgAdmin, "POST", UserPath(coordinator, "invitation"), "{}").status, 201);
    // Nobody but a platform admin manages the platform admin.
    const std::int64_t platform_admin = world_->actor(Role::kPlatformAdmin).user_id;
    EXPECT_EQ(As(Role::kOrgAdmin, "POST", UserPath(platform_admin, "invitation"), "{}").status, 404);
    // A foreign organization's participant is not even visible.
    const auto foreign = world_->NewRecord(true);
    EXPECT_EQ(As(Role::kCaseWorker, "POST", UserPath(foreign.user_id, "invitation"), "{}").status, 404);
    EXPECT_EQ(As(Role::kCaseWorker, "POST", UserPath(987654321, "invitation"), "{}").status, 404);
    EXPECT_EQ(As(Role::kCaseWorker, "POST", "/api/v1/users/abc/invitation", "{}").status, 404);
}

// Once she has set her own passphrase, a new code lets whoever holds it become her: staff must
// say why, her sessions end, and at her next sign-ins she reads who gave it and when.
TEST_F(UsersTest, NewCodeAfterHerOwnPassphrase_NeedsAReason_EndsHerSessions_AndSheIsTold) {
    auto created = As(Role::kCaseWorker, "POST", UsersPath(world_->own_organization),
                      R"({"display_name":"Hana","role":"participant","email":"hana@example.org"})");
    const std::int64_t hana = created.Json().at("id").as_int64();
    auto accepted = Accept(Code(created), kPassphrase);
    ASSERT_EQ(accepted.status, 200);
    EXPECT_EQ(accepted.Json().at("access_resets").as_array().size(), 0u);
    const std::string cookie = accepted.Header("Set-Cookie").substr(0, accepted.Header("Set-Cookie").find(';'));

    auto no_reason = As(Role::kCaseWorker, "POST", UserPath(hana, "invitation"), "{}");
    EXPECT_EQ(no_reason.status, 422);
    EXPECT_EQ(FieldError(no_reason), "reason:required");
    EXPECT_EQ(FieldError(As(Role::kCaseWorker, "POST", UserPath(hana, "invitation"), R"({"reason":""})")),
              "reason:too_short");
    const std::string long_reason = R"({"reason":")" + std::string(501, 'a') + R"("})";
    EXPECT_EQ(FieldError(As(Role::kCaseWorker, "POST", UserPath(hana, "invitation"), long_reason)), "reason:too_long");
    EXPECT_EQ(testing::HttpClient(server_->port()).Get("/api/v1/auth/session", {{"Cookie", cookie}}).status, 200);

    auto renewed =
        As(Role::kCaseWorker, "POST", UserPath(hana, "invitation"), R"({"reason":"She forgot her passphrase"})");
    ASSERT_EQ(renewed.status, 201) << renewed.body;
    EXPECT_EQ(testing::HttpClient(server_->port()).Get("/api/v1/auth/session", {{"Cookie", cookie}}).status, 401);
    EXPECT_EQ(AuditCount("auth.user.invite", "ok"), 1);
    // The reason is sealed at rest.
    auto stored = database_->Acquire()->Execute("SELECT reason FROM accounts_access_resets WHERE user_id = $1", {hana});
    ASSERT_EQ(stored.size(), 1u);
    EXPECT_EQ(stored.Text(0, 0).find("forgot"), std::string::npos);

    auto back = Accept(Code(renewed), "another long passphrase");
    ASSERT_EQ(back.status, 200) << back.body;
    const auto answer = back.Json();
    const auto& resets = answer.at("access_resets").as_array();
    ASSERT_EQ(resets.size(), 1u);
    EXPECT_EQ(resets.at(0).at("by").as_string(), "Test case_worker");
    EXPECT_EQ(resets.at(0).at("reason").as_string(), "She forgot her passphrase");
    EXPECT_GT(resets.at(0).at("at").as_int64(), core::NowMs() - 60'000);
    auto signed_in = Login("hana@example.org", "another long passphrase");
    ASSERT_EQ(signed_in.status, 200);
    EXPECT_EQ(signed_in.Json().at("access_resets").as_array().size(), 1u);
}

// She comes back before the code is used, and signs in with her own passphrase: whoever else holds
// that code can no longer become her.
TEST_F(UsersTest, SigningInWithHerPassphrase_VoidsANewCodeStillUnused) {
    auto created = As(Role::kCaseWorker, "POST", UsersPath(world_->own_organization),
                      R"({"display_name":"Ines","role":"participant","email":"ines@example.org"})");
    const std::int64_t ines = created.Json().at("id").as_int64();
    ASSERT_EQ(Accept(Code(created), kPassphrase).status, 200);
    auto renewed = As(Role::kCaseWorker, "POST", UserPath(ines, "invitation"), R"({"reason":"At her request"})");
    ASSERT_EQ(renewed.status, 201);
    auto signed_in = Login("ines@example.org", kPassphrase);
    ASSERT_EQ(signed_in.status, 200);
    EXPECT_EQ(signed_in.Json().at("access_resets").as_array().size(), 1u);
    auto spent = Accept(Code(renewed), "someone else's passphrase");
    EXPECT_EQ(spent.status, 422);
    EXPECT_EQ(FieldError(spent), "code:invalid_invitation");
    EXPECT_EQ(Login("ines@example.org", kPassphrase).status, 200);
}

TEST_F(UsersTest, ExpiredOrGuessedCodes_AreRefusedAndGuessingIsThrottled) {
    auto created = As(Role::kCaseWorker, "POST", UsersPath(world_->own_organization),
                      R"({"display_name":"Carla","role":"participant"})");
    const std::string code = Code(created);
    database_->Acquire()->Execute("UPDATE accounts_invitations SET expires_at = $1", {core::NowMs() - 1});
    EXPECT_EQ(FieldError(Accept(code, kPassphrase)), "code:invalid_invitation");

    for (int i = 0; i < 49; ++i) EXPECT_EQ(Accept("2222-2222-2222-2222-2222", kPassphrase).status, 422);
    auto locked = Accept("2222-2222-2222-2222-2223", kPassphrase);
    EXPECT_EQ(locked.status, 429);
    EXPECT_EQ(locked.Json().at("detail"),
              "Too many wrong codes from this connection. Please wait 15 minutes and try again.");
    EXPECT_FALSE(locked.Header("Retry-After").empty());
    EXPECT_EQ(AuditCount("auth.invitation.accept", "throttled"), 1);
}

TEST_F(UsersTest, AcceptInvitation_BadInputNamesTheField) {
    struct Case {
        std::string body;
        int status;
        std::string field;
    };
    const std::vector<Case> cases = {
        {"{}", 422, "code:required"},
        {R"({"code":"2222-2222","password":"a long passphrase"})", 422, "code:invalid_invitation"},
        {R"({"code":"OOOO-OOOO-OOOO-OOOO-OOOO","password":"a long passphrase"})", 422, "code:invalid_invitation"},
        {R"({"code":"2222-2222-2222-2222-2222"})", 422, "password:required"},
        {R"({"code":"2222-2222-2222-2222-2222","password":"a long passphrase","role":"x"})", 422, "role:unknown"},
        {R"({"code":22222,"password":"a long passphrase"})", 422, "code:type"},
        {R"({"code":)", 400, ""},
    };
    for (const auto& c : cases) {
        auto response = Send("POST", "/api/v1/invitations/accept", c.body, {});
        EXPECT_EQ(response.status, c.status) << c.body;
        EXPECT_EQ(response.Header("Content-Type"), "application/problem+json");
        if (!c.field.empty()) {
            EXPECT_EQ(FieldError(response), c.field) << c.body;
        }
    }
}

TEST_F(UsersTest, CreateUser_BadInputNamesTheFieldAndDuplicatesConflict) {
    const std::string path = UsersPath(world_->own_organization);
    struct Case {
        std::string body;
        std::string field;
    };
    const std::vector<Case> cases = {
        {"{}", "display_name:required"},
        {R"({"display_name":"","role":"participant"})", "display_name:required"},
        {R"({"display_name":")" + std::string(101, 'a') + R"(","role":"participant"})", "display_name:too_long"},
        {R"({"display_name":"A","role":"queen"})", "role:format"},
        {R"({"display_name":"A","role":"participant","email":"not-an-email"})", "email:format"},
        {R"({"display_name":"A","role":"participant","locale":"tlh"})", "locale:format"},
        {R"({"display_name":"A","role":"participant","admin":true})", "admin:unknown"},
        {R"({"display_name":7,"role":"participant"})", "display_name:type"},
    };
    for (const auto& c : cases) {
        auto response = As(Role::kOrgAdmin, "POST", path, c.body);
        EXPECT_EQ(response.status, 422) << c.body;
        EXPECT_EQ(FieldError(response), c.field) << c.body;
    }
    EXPECT_EQ(
        As(Role::kOrgAdmin, "POST", path, R"({"display_name":"A","role":"participant","email":"Dup@Example.org"})")
            .status,
        201);
    auto duplicate =
        As(Role::kOrgAdmin, "POST", path, R"({"display_name":"B","role":"mentor","email":"dup@example.org"})");
    EXPECT_EQ(duplicate.status, 409);
    // Nothing half-written: one account with that email, and no orphan without a membership.
    EXPECT_EQ(database_->Acquire()
                  ->Execute("SELECT COUNT(*) FROM accounts_users u WHERE NOT EXISTS "
                            "(SELECT 1 FROM tenancy_memberships m WHERE m.user_id = u.id)")
                  .Int(0, 0),
              0);
    EXPECT_EQ(As(Role::kOrgAdmin, "POST", "/api/v1/organizations/987654321/users", cases[0].body).status, 404);
}

TEST_F(UsersTest, DisablingAnAccount_EndsItsSessionsAtOnceUntilEnabled) {
    auto created = As(Role::kCaseWorker, "POST", UsersPath(world_->own_organization),
                      R"({"display_name":"Dina","role":"participant","email":"dina@example.org"})");
    const std::int64_t dina = created.Json().at("id").as_int64();
    auto accepted = Accept(Code(created), kPassphrase);
    ASSERT_EQ(accepted.status, 200);
    const std::string cookie = accepted.Header("Set-Cookie").substr(0, accepted.Header("Set-Cookie").find(';'));

    EXPECT_EQ(As(Role::kCaseWorker, "POST", UserPath(dina, "disable")).status, 403);  // not an admin
    auto disabled = AsMatching(Role::kOrgAdmin, UserPath(dina, "disable"), "\"1\"");
    ASSERT_EQ(disabled.status, 200) << disabled.body;
    EXPECT_EQ(disabled.Json().at("disabled"), true);
    EXPECT_EQ(disabled.Header("ETag"), "\"2\"");
    EXPECT_EQ(testing::HttpClient(server_->port()).Get("/api/v1/auth/session", {{"Cookie", cookie}}).status, 401);
    EXPECT_EQ(Login("dina@example.org", kPassphrase).status, 401);
    EXPECT_EQ(As(Role::kCaseWorker, "POST", UserPath(dina, "invitation"), "{}").status, 409);  // disabled

    EXPECT_EQ(AsMatching(Role::kOrgAdmin, UserPath(dina, "enable"), "\"2\"").status, 200);
    // Her sessions ended with the disabling: enabling the account does not bring them back.
    EXPECT_EQ(testing::HttpClient(server_->port()).Get("/api/v1/auth/session", {{"Cookie", cookie}}).status, 401);
    EXPECT_EQ(Login("dina@example.org", kPassphrase).status, 200);
    EXPECT_EQ(AuditCount("auth.user.disable", "ok"), 1);
    EXPECT_EQ(AuditCount("auth.user.enable", "ok"), 1);

    // Not oneself, and not someone who holds a role one cannot give.
    const std::int64_t admin = world_->actor(Role::kOrgAdmin).user_id;
    EXPECT_EQ(As(Role::kOrgAdmin, "POST", UserPath(admin, "disable")).status, 409);
    const std::int64_t network_coordinator = world_->actor(Role::kNetworkCoordinator).user_id;
    EXPECT_EQ(As(Role::kOrgAdmin, "POST", UserPath(network_coordinator, "disable")).status, 404);
    EXPECT_EQ(AsMatching(Role::kPlatformAdmin, UserPath(network_coordinator, "disable"), "\"1\"").status, 200);
}

// The version comes from the list the admin read (user_etag); an update without it is 428, one
// made on an older version 412, and neither changes the account.
TEST_F(UsersTest, DisableOrEnable_WithoutOrWithAStaleIfMatch_Is428Or412) {
    auto created = As(Role::kCaseWorker, "POST", UsersPath(world_->own_organization),
                      R"({"display_name":"Farah","role":"participant"})");
    const std::int64_t farah = created.Json().at("id").as_int64();
    auto etag_of_farah = [&] {
        auto list = As(Role::kOrgAdmin, "GET",
                       "/api/v1/organizations/" + std::to_string(world_->own_organization) + "/memberships?limit=200");
        auto body = list.Json();
        for (const auto& item : body.at("items").as_array()) {
            if (item.at("user_id").as_int64() == farah) return std::string(item.at("user_etag").as_string());
        }
        return std::string();
    };
    const std::string read = etag_of_farah();
    ASSERT_EQ(read, "\"1\"");

    auto missing = As(Role::kOrgAdmin, "POST", UserPath(farah, "disable"));
    EXPECT_EQ(missing.status, 428) << missing.body;
    EXPECT_EQ(missing.Header("Content-Type"), "application/problem+json");
    EXPECT_EQ(missing.Json().at("type"), "/problems/precondition-required");
    for (const char* header : {"*", "\"7\"", "W/\"1\"", "1"}) {
        const int expected = std::string_view(header) == "*" ? 428 : 412;
        EXPECT_EQ(AsMatching(Role::kOrgAdmin, UserPath(farah, "disable"), header).status, expected) << header;
    }
    EXPECT_EQ(AuditCount("auth.user.disable", "ok"), 0);

    auto disabled = AsMatching(Role::kOrgAdmin, UserPath(farah, "disable"), read);
    ASSERT_EQ(disabled.status, 200) << disabled.body;
    EXPECT_EQ(disabled.Header("ETag"), etag_of_farah());
    // A second admin acting on the list she read before: 412, and the account stays disabled.
    auto stale = AsMatching(Role::kPlatformAdmin, UserPath(farah, "enable"), read);
    EXPECT_EQ(stale.status, 412);
    EXPECT_EQ(stale.Json().at("type"), "/problems/precondition-failed");
    EXPECT_EQ(AuditCount("auth.user.enable", "ok"), 0);
    EXPECT_EQ(AsMatching(Role::kPlatformAdmin, UserPath(farah, "enable"), disabled.Header("ETag")).status, 200);
}

TEST_F(UsersTest, AnErasedAccount_CannotBeBroughtBack) {
    auto created = As(Role::kCaseWorker, "POST", UsersPath(world_->own_organization),
                      R"({"display_name":"Gul","role":"participant","email":"gul@example.org"})");
    const std::int64_t gul = created.Json().at("id").as_int64();
    privacy::ErasePerson(*database_, *testing::Application(*database_, testing::TestKeyring()), gul, core::NowMs());
    for (const char* what : {"enable", "disable", "invitation"}) {
        const std::string body = std::string_view(what) == "invitation" ? "{}" : "";
        EXPECT_EQ(As(Role::kOrgAdmin, "POST", UserPath(gul, what), body).status, 404) << what;
        EXPECT_EQ(As(Role::kPlatformAdmin, "POST", UserPath(gul, what), body).status, 404) << what;
    }
    EXPECT_EQ(Accept(Code(created), kPassphrase).status, 422) << "her invitation went with her";
    EXPECT_EQ(As(Role::kCaseWorker, "GET", "/api/v1/users/" + std::to_string(gul) + "/consents").status, 404);
}

TEST_F(UsersTest, RemovingMemberships_KeepsTheLastAdmin) {
    const std::int64_t own = world_->own_organization;
    auto memberships = [&] {
        auto list = As(Role::kOrgAdmin, "GET", "/api/v1/organizations/" + std::to_string(own) + "/memberships");
        std::map<std::string, std::int64_t> by_role;
        auto body = list.Json();
        for (const auto& item : body.at("items").as_array()) {
            by_role[std::string(item.at("role").as_string())] = item.at("id").as_int64();
        }
        return by_role;
    };
    const auto before = memberships();
    const std::string base = "/api/v1/organizations/" + std::to_string(own) + "/memberships/";
    auto last_admin = As(Role::kOrgAdmin, "DELETE", base + std::to_string(before.at("org_admin")));
    EXPECT_EQ(last_admin.status, 409);
    EXPECT_EQ(last_admin.Json().at("detail"), "This is the organization's last administrator; name another one first.");
    EXPECT_EQ(As(Role::kOrgAdmin, "DELETE", base + std::to_string(before.at("trainer"))).status, 204);
    EXPECT_FALSE(memberships().contains("trainer"));
    EXPECT_EQ(As(Role::kOrgAdmin, "DELETE", base + std::to_string(before.at("trainer"))).status, 404);
    // A membership of another organization, named under this one: not found.
    const auto foreign = world_->NewRecord(true);
    EXPECT_EQ(As(Role::kOrgAdmin, "DELETE", base + std::to_string(foreign.membership_id)).status, 404);
    EXPECT_EQ(AuditCount("auth.membership.delete", "ok"), 1);
}

}  // namespace
}  // namespace ponte::identity

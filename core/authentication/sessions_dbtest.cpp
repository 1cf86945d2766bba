#include "core/authentication/sessions.hpp"

#include <gtest/gtest.h>

#include "core/accounts/store.hpp"
#include "core/crypto/random.hpp"
#include "core/tenancy/store.hpp"
#include "core/testing/application.hpp"
#include "core/testing/engine.hpp"
#include "core/throttle/throttle.hpp"

namespace ponte::authentication {
namespace {

using namespace std::chrono_literals;

class SessionsTest : public testing::EngineTest {
  protected:
    void SetUp() override {
        EngineTest::SetUp();
        if (IsSkipped()) return;
        testing::MigrateAll(database());
        user_id_ = database().Transact([](db::Connection& connection) {
            std::int64_t org = tenancy::CreateOrganization(connection, "Org", "ngo", kStart);
            std::int64_t id = accounts::CreateUser(
                connection, accounts::User{.email = "ana@example.org", .display_name = "Ana"}, kStart);
            tenancy::AddMembership(connection, id, {.role = policy::Role::kCaseWorker, .organization_id = org}, 0,
                                   kStart);
            return id;
        });
    }

    NewSession Start(std::int64_t now = kStart) {
        return database().Transact(
            [&](db::Connection& connection) { return CreateSession(connection, user_id_, now, options_, "", ""); });
    }

    static constexpr std::int64_t kStart = 1'700'000'000'000;
    SessionOptions options_{.idle = 30min, .absolute = 12h};
    std::int64_t user_id_ = 0;
};

TEST_P(SessionsTest, Resolve_LiveSession_GivesPrincipalWithRoles) {
    auto session = Start();
    auto principal = ResolveSession(database(), session.id, kStart + 1000, options_);
    ASSERT_TRUE(principal);
    EXPECT_EQ(principal->user_id, user_id_);
    EXPECT_EQ(principal->csrf_token, session.csrf_token);
    EXPECT_TRUE(principal->HasRole(policy::Role::kCaseWorker));
    EXPECT_TRUE(principal->IsStaff());
}

TEST_P(SessionsTest, Storage_KeepsOnlyTheDigestOfTheId) {
    auto session = Start();
    auto rows = database().Acquire()->Execute("SELECT digest FROM authentication_sessions");
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_NE(rows.Text(0, 0), session.id);
    EXPECT_EQ(rows.Text(0, 0), crypto::Sha256Hex(session.id));
}

TEST_P(SessionsTest, Resolve_UnknownOrMalformedId_IsNothing) {
    Start();
    EXPECT_FALSE(ResolveSession(database(), "not-a-session", kStart, options_));
    EXPECT_FALSE(ResolveSession(database(), "", kStart, options_));
    EXPECT_FALSE(ResolveSession(database(), std::string(5000, 'x'), kStart, options_));
}

TEST_P(SessionsTest, Resolve_AfterIdleTimeout_EndsTheSession) {
    auto session = Start();
    EXPECT_FALSE(ResolveSession(database(), session.id, kStart + std::int64_t{30} * 60'000, options_));
    // Gone for good, even if asked with an earlier clock.
    EXPECT_FALSE(ResolveSession(database(), session.id, kStart + 1, options_));
}

TEST_P(SessionsTest, Resolve_UseWithinIdleTimeout_KeepsItAliveUntilAbsoluteTimeout) {
    auto session = Start();
    std::int64_t now = kStart;
    for (int i = 0; i < 23; ++i) {  // every 29 minutes: 11 h 7 min in all
        now += std::int64_t{29} * 60'000;
        ASSERT_TRUE(ResolveSession(database(), session.id, now, options_)) << "after " << i + 1 << " uses";
    }
    now += std::int64_t{29} * 60'000;  // 11 h 36 min
    EXPECT_TRUE(ResolveSession(database(), session.id, now, options_));
    now += std::int64_t{29} * 60'000;  // 12 h 5 min: past the absolute timeout however active
    EXPECT_FALSE(ResolveSession(database(), session.id, now, options_));
}

TEST_P(SessionsTest, DisabledAccount_ItsSessionsResolveToNoOne) {
    auto first = Start();
    auto second = Start();
    database().Transact(
        [&](db::Connection& connection) { accounts::SetDisabled(connection, user_id_, true, kStart + 1); });
    EXPECT_FALSE(ResolveSession(database(), first.id, kStart + 2, options_));
    EXPECT_FALSE(ResolveSession(database(), second.id, kStart + 2, options_));
}

TEST_P(SessionsTest, EndAllSessions_EndsEveryOneOfTheUser) {
    auto first = Start();
    auto second = Start();
    EXPECT_EQ(EndAllSessions(*database().Acquire(), user_id_), 2);
    EXPECT_FALSE(ResolveSession(database(), first.id, kStart + 1, options_));
    EXPECT_FALSE(ResolveSession(database(), second.id, kStart + 1, options_));
}

TEST_P(SessionsTest, ListSessions_GivesLiveOnesWithPublicIdsAndMarksTheCurrent) {
    auto first = database().Transact([&](db::Connection& connection) {
        return CreateSession(connection, user_id_, kStart, options_, "203.0.113.7", "Firefox on a phone");
    });
    auto second = Start(kStart + 1000);
    auto idle = Start(kStart - std::int64_t{31} * 60'000);  // unused for longer than the idle timeout
    auto sessions =
        ListSessions(*database().Acquire(), user_id_, crypto::Sha256Hex(second.id), kStart + 2000, options_);
    ASSERT_EQ(sessions.size(), 2u);
    EXPECT_TRUE(sessions[0].current);  // the most recently used first
    EXPECT_FALSE(sessions[1].current);
    EXPECT_EQ(sessions[1].user_agent, "Firefox on a phone");
    EXPECT_EQ(sessions[1].created_at, kStart);
    for (const auto& session : sessions) {
        EXPECT_GE(session.public_id.size(), 16u);
        EXPECT_EQ(session.public_id.find(crypto::Sha256Hex(first.id).substr(0, 8)), std::string::npos);
        EXPECT_NE(session.public_id, first.id);
    }
    EXPECT_NE(sessions[0].public_id, sessions[1].public_id);
}

TEST_P(SessionsTest, EndSessionByPublicId_EndsOnlyHersAndOnlyThatOne) {
    auto mine = Start();
    auto kept = Start();
    const std::int64_t other_user = database().Transact([](db::Connection& connection) {
        return accounts::CreateUser(connection, accounts::User{.email = "bea@example.org", .display_name = "Bea"},
                                    kStart);
    });
    auto theirs = database().Transact(
        [&](db::Connection& connection) { return CreateSession(connection, other_user, kStart, options_, "", ""); });
    auto connection = database().Acquire();
    auto list = [&](std::int64_t user) { return ListSessions(*connection, user, "", kStart + 1, options_); };
    const std::string their_id = list(other_user).at(0).public_id;
    EXPECT_EQ(EndSessionByPublicId(*connection, user_id_, their_id), std::nullopt) << "another person's session";
    EXPECT_EQ(EndSessionByPublicId(*connection, user_id_, "no-such-session"), std::nullopt);
    EXPECT_TRUE(ResolveSession(database(), theirs.id, kStart + 1, options_));

    std::string target;
    for (const auto& session : ListSessions(*connection, user_id_, crypto::Sha256Hex(kept.id), kStart + 1, options_)) {
        if (!session.current) target = session.public_id;
    }
    EXPECT_EQ(EndSessionByPublicId(*connection, user_id_, target), crypto::Sha256Hex(mine.id));
    EXPECT_FALSE(ResolveSession(database(), mine.id, kStart + 1, options_));
    EXPECT_TRUE(ResolveSession(database(), kept.id, kStart + 1, options_));
    EXPECT_EQ(EndSessionByPublicId(*connection, user_id_, target), std::nullopt) << "ended already";
}

TEST_P(SessionsTest, EndOtherSessions_KeepsTheGivenOne) {
    auto kept = Start();
    auto first = Start();
    auto second = Start();
    EXPECT_EQ(EndOtherSessions(*database().Acquire(), user_id_, crypto::Sha256Hex(kept.id)), 2);
    EXPECT_TRUE(ResolveSession(database(), kept.id, kStart + 1, options_));
    EXPECT_FALSE(ResolveSession(database(), first.id, kStart + 1, options_));
    EXPECT_FALSE(ResolveSession(database(), second.id, kStart + 1, options_));
}

TEST_P(SessionsTest, Throttle_LocksAfterLimitWithinWindow_AndUnlocksAfterLockout) {
    auto connection = database().Acquire();
    const throttle::ThrottleRule rule{3, 60'000, 120'000};
    throttle::RecordFailure(*connection, "account:ana", kStart, rule);
    throttle::RecordFailure(*connection, "account:ana", kStart + 1, rule);
    EXPECT_EQ(throttle::LockedFor(*connection, "account:ana", kStart + 2), 0);
    throttle::RecordFailure(*connection, "account:ana", kStart + 3, rule);
    EXPECT_EQ(throttle::LockedFor(*connection, "account:ana", kStart + 3), 120'000);
    EXPECT_EQ(throttle::LockedFor(*connection, "account:other", kStart + 3), 0);
    EXPECT_EQ(throttle::LockedFor(*connection, "account:ana", kStart + 3 + 120'000), 0);
}

TEST_P(SessionsTest, Throttle_FailuresOutsideTheWindow_StartOver) {
    auto connection = database().Acquire();
    const throttle::ThrottleRule rule{3, 60'000, 120'000};
    throttle::RecordFailure(*connection, "k", kStart, rule);
    throttle::RecordFailure(*connection, "k", kStart + 1, rule);
    throttle::RecordFailure(*connection, "k", kStart + 61'000, rule);  // a new window: count 1
    throttle::RecordFailure(*connection, "k", kStart + 62'000, rule);
    EXPECT_EQ(throttle::LockedFor(*connection, "k", kStart + 62'000), 0);
    throttle::ClearFailures(*connection, "k");
    throttle::RecordFailure(*connection, "k", kStart + 63'000, rule);
    EXPECT_EQ(throttle::LockedFor(*connection, "k", kStart + 63'000), 0);
}

// Knowing her address is not enough to lock her out: whoever guesses from one address is locked
// out for that account, while she, from another, waits at most the account's short delay.
TEST_P(SessionsTest, LoginThrottle_LocksTheGuessingAddress_AndOnlyDelaysTheAccount) {
    auto connection = database().Acquire();
    const throttle::LoginKeys attacker = throttle::LoginKeysFor("ana@example.org", "203.0.113.9");
    const throttle::LoginKeys owner = throttle::LoginKeysFor("ana@example.org", "198.51.100.7");
    for (int i = 0; i < throttle::kPairRule.max_failures; ++i)
        throttle::RecordLoginFailure(*connection, attacker, kStart + i);
    const std::int64_t last = kStart + throttle::kPairRule.max_failures - 1;
    EXPECT_EQ(throttle::LoginWait(*connection, attacker, last), throttle::kPairRule.lockout_ms);
    EXPECT_EQ(throttle::LoginWait(*connection, owner, last), throttle::kAccountRule.lockout_ms);  // 1 s
    EXPECT_EQ(throttle::LoginWait(*connection, owner, last + throttle::kAccountRule.lockout_ms), 0);
    EXPECT_GT(throttle::LoginWait(*connection, attacker, last + throttle::kAccountRule.lockout_ms), 0);
    // Each further failure doubles the account's delay, up to its ceiling.
    throttle::RecordLoginFailure(*connection, owner, last + 2'000);
    EXPECT_EQ(throttle::LoginWait(*connection, owner, last + 2'000), 2 * throttle::kAccountRule.lockout_ms);
    for (int i = 0; i < 20; ++i)
        throttle::RecordLoginFailure(*connection, throttle::LoginKeysFor("ana@example.org", "10.0.0.1"), last + 3'000);
    EXPECT_EQ(throttle::LockedFor(*connection, owner.account, last + 3'000), throttle::kAccountRule.max_lockout_ms);
    // Signing in clears the pair and the account, not the address.
    throttle::ClearLoginFailures(*connection, attacker);
    EXPECT_EQ(throttle::LoginWait(*connection, attacker, last + 3'000), 0);
    EXPECT_EQ(throttle::LoginWait(*connection, throttle::LoginKeysFor("ana@example.org", "10.0.0.1"), last + 3'000),
              throttle::kPairRule.lockout_ms);
}

TEST_P(SessionsTest, Memberships_RoleMustFitItsScope) {
    auto connection = database().Acquire();
    // An organization role without an organization, a platform admin tied to one: refused.
    EXPECT_THROW(tenancy::AddMembership(*connection, user_id_, {.role = policy::Role::kOrgAdmin}, 0, kStart),
                 db::CheckViolation);
    EXPECT_THROW(tenancy::AddMembership(*connection, user_id_,
                                        {.role = policy::Role::kPlatformAdmin, .organization_id = 1}, 0, kStart),
                 db::CheckViolation);
}

TEST_P(SessionsTest, Users_EmailIsUniqueButOptional) {
    auto connection = database().Acquire();
    EXPECT_THROW(
        accounts::CreateUser(*connection, accounts::User{.email = "ana@example.org", .display_name = "Other"}, kStart),
        db::UniqueViolation);
    EXPECT_NO_THROW(accounts::CreateUser(*connection, accounts::User{.display_name = "No email 1"}, kStart));
    EXPECT_NO_THROW(accounts::CreateUser(*connection, accounts::User{.display_name = "No email 2"}, kStart));
}

PONTE_INSTANTIATE_ENGINES(SessionsTest);

TEST(Cookies, ValueIsFoundAmongOthers) {
    EXPECT_EQ(CookieValue("a=1; ponte_session=abc; b=2", "ponte_session"), "abc");
    EXPECT_EQ(CookieValue("ponte_session_x=1", "ponte_session"), std::nullopt);
    EXPECT_EQ(CookieValue("", "ponte_session"), std::nullopt);
}

TEST(Cookies, SecureCookieUsesHostPrefixAndFlags) {
    SessionOptions secure;
    EXPECT_EQ(SessionCookie(secure, "id"), "__Host-ponte_session=id; Path=/; HttpOnly; SameSite=Lax; Secure");
    SessionOptions plain{.secure_cookie = false};
    EXPECT_EQ(SessionCookie(plain, "id"), "ponte_session=id; Path=/; HttpOnly; SameSite=Lax");
}

}  // namespace
}  // namespace ponte::authentication

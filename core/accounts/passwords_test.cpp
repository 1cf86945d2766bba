#include "core/accounts/passwords.hpp"

#include "core/accounts/store.hpp"

#include <gtest/gtest.h>

#include <chrono>

#include "core/crypto/password.hpp"

namespace ponte::accounts {
namespace {

TEST(CheckNewPassword, Table) {
    struct Case {
        std::string password;
        std::optional<std::string> error;
    };
    const Case cases[] = {
        {"short", "too_short"},
        {"ninechars", "too_short"},
        {std::string(257, 'a') + "b", "too_long"},
        {"aaaaaaaaaaaa", "common"},
        {"Password123!", "common"},
        {"qwertyuiop", "common"},
        {"1234567890", "common"},
        {"0612345678", "common"},       // a phone number
        {"ana@example.org", "common"},  // the email itself
        {"Ana Example 2024", std::nullopt},
        {"cuatro palabras al azar", std::nullopt},
        {"نافذة زرقاء في الصباح", std::nullopt},  // Arabic passphrase: counted in code points
        {"ابجد", "too_short"},                    // 4 code points, 8 bytes
    };
    for (const auto& c : cases) {
        EXPECT_EQ(CheckNewPassword(c.password, "ana@example.org", "Ana"), c.error) << c.password;
    }
    EXPECT_EQ(CheckNewPassword("anaanaana1", "ana@example.org", ""), std::nullopt);
    EXPECT_EQ(CheckNewPassword("Fatimaaaaa", "", "fatimaaaaa"), "common");
}

TEST(PasswordHasher, HashVerifiesAndCarriesItsCost) {
    crypto::PasswordHasher hasher({.passes = 1, .memory_bytes = 1 << 20});
    auto hash = hasher.Hash("correct horse battery");
    EXPECT_TRUE(hash.starts_with("$argon2id$"));
    EXPECT_TRUE(hasher.Verify(hash, "correct horse battery"));
    EXPECT_FALSE(hasher.Verify(hash, "correct horse batterY"));
    EXPECT_FALSE(hasher.Verify("not a hash", "x"));
    EXPECT_FALSE(hasher.Verify("", "x"));
    EXPECT_NE(hasher.Hash("correct horse battery"), hash);  // a new salt each time
    EXPECT_FALSE(hasher.NeedsRehash(hash));
    crypto::PasswordHasher stronger({.passes = 2, .memory_bytes = 2 << 20});
    EXPECT_TRUE(stronger.NeedsRehash(hash));
    EXPECT_TRUE(stronger.Verify(hash, "correct horse battery"));  // old hashes still verify
}

TEST(LooksLikeEmail, RefusesWhatCouldBreakOutOfAMailHeader) {
    for (std::string_view good : {"ana@example.org", "a.b+c@sub.example.org", "x@y"}) {
        EXPECT_TRUE(LooksLikeEmail(good)) << good;
    }
    for (std::string_view bad : {"", "@x", "x@", "a@b@c", "a b@example.org", "a@example.org>", "<a@example.org",
                                 "a@example.org, b@example.org", "a@example.org\r\nBcc: b@example.org",
                                 "a\t@example.org", "\"a\"@example.org", "a@[127.0.0.1]", "a@exa;mple.org"}) {
        EXPECT_FALSE(LooksLikeEmail(bad)) << bad;
    }
    EXPECT_TRUE(LooksLikeEmail(NormalizeEmail("  Ana@Example.org ")));
}

}  // namespace
}  // namespace ponte::accounts

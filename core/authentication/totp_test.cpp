#include "core/authentication/totp.hpp"

#include <gtest/gtest.h>

#include <set>

namespace ponte::authentication {
namespace {

// RFC 6238 appendix B: the SHA-1 secret "12345678901234567890", codes cut to 6 digits.
constexpr std::string_view kRfcSecret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

TEST(TotpTest, CodesMatchTheRfcTestVectors) {
    EXPECT_EQ(TotpCode(kRfcSecret, 59), "287082");
    EXPECT_EQ(TotpCode(kRfcSecret, 1111111109), "081804");
    EXPECT_EQ(TotpCode(kRfcSecret, 1234567890), "005924");
    EXPECT_EQ(TotpCode(kRfcSecret, 2000000000), "279037");
}

TEST(TotpTest, MatchAllowsOneStepOfDriftAndNeverAnOldStep) {
    const std::int64_t now = 1234567890;
    const std::int64_t step = now / kTotpStepSeconds;
    EXPECT_EQ(MatchTotp(kRfcSecret, TotpCode(kRfcSecret, now), now, 0), step);
    EXPECT_EQ(MatchTotp(kRfcSecret, TotpCode(kRfcSecret, now - 30), now, 0), step - 1);
    EXPECT_EQ(MatchTotp(kRfcSecret, TotpCode(kRfcSecret, now + 30), now, 0), step + 1);
    EXPECT_EQ(MatchTotp(kRfcSecret, TotpCode(kRfcSecret, now - 90), now, 0), std::nullopt);
    EXPECT_EQ(MatchTotp(kRfcSecret, TotpCode(kRfcSecret, now + 90), now, 0), std::nullopt);
    // A code of a step already used (or earlier) is refused: no replay.
    EXPECT_EQ(MatchTotp(kRfcSecret, TotpCode(kRfcSecret, now), now, step), std::nullopt);
    EXPECT_EQ(MatchTotp(kRfcSecret, TotpCode(kRfcSecret, now + 30), now, step), step + 1);
}

TEST(TotpTest, MalformedCodesAndSecretsNeverMatch) {
    const std::int64_t now = 1234567890;
    for (std::string_view code : {"", "00592", "0059244", "00592a", " 005924", "005924\n", "-05924"}) {
        EXPECT_EQ(MatchTotp(kRfcSecret, code, now, 0), std::nullopt) << code;
    }
    EXPECT_EQ(MatchTotp("not base32!", "005924", now, 0), std::nullopt);
}

TEST(TotpTest, NewSecretsAreDistinctBase32Of160Bits) {
    const std::string a = NewTotpSecret();
    EXPECT_EQ(a.size(), 32u);
    EXPECT_NE(a, NewTotpSecret());
    EXPECT_EQ(a.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"), std::string::npos);
    EXPECT_EQ(TotpCode(a, 100).size(), 6u);
}

TEST(TotpTest, OtpauthUriNamesIssuerAndAccount) {
    EXPECT_EQ(OtpauthUri("Ponte", "ana@example.org", "ABC"),
              "otpauth://totp/Ponte:ana%40example.org?secret=ABC&issuer=Ponte&algorithm=SHA1&digits=6&period=30");
}

TEST(TotpTest, RecoveryCodesAreDistinctAndTypedFormsNormalize) {
    auto codes = NewRecoveryCodes(10);
    ASSERT_EQ(codes.size(), 10u);
    EXPECT_EQ(std::set<std::string>(codes.begin(), codes.end()).size(), 10u);
    for (const auto& code : codes) {
        EXPECT_EQ(code.size(), 19u) << code;
        EXPECT_EQ(NormalizeRecoveryCode(code), code);
    }
    EXPECT_EQ(NormalizeRecoveryCode("abcd efgh-jkmn pqrs"), "ABCD-EFGH-JKMN-PQRS");
    EXPECT_EQ(NormalizeRecoveryCode("ABCDEFGHJKMNPQRS"), "ABCD-EFGH-JKMN-PQRS");
    EXPECT_EQ(NormalizeRecoveryCode("ABCD-EFGH-JKMN-PQR"), std::nullopt);    // too short
    EXPECT_EQ(NormalizeRecoveryCode("ABCD-EFGH-JKMN-PQRST"), std::nullopt);  // too long
    EXPECT_EQ(NormalizeRecoveryCode("ABCD-EFGH-JKMN-PQR0"), std::nullopt);   // 0 is not in the alphabet
    EXPECT_EQ(NormalizeRecoveryCode("123456"), std::nullopt);
}

}  // namespace
}  // namespace ponte::authentication

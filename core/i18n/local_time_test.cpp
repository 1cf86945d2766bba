#include "core/i18n/local_time.hpp"

#include <gtest/gtest.h>

namespace ponte::i18n {
namespace {

TEST(LocalTime, KnowsTheZonesOfIanaOnly) {
    EXPECT_TRUE(IsKnownTimeZone("Europe/Rome"));
    EXPECT_TRUE(IsKnownTimeZone("UTC"));
    EXPECT_FALSE(IsKnownTimeZone("Europe/Atlantis"));
    EXPECT_FALSE(IsKnownTimeZone(""));
}

TEST(LocalTime, RomeIsOneHourAheadInWinterAndTwoInSummer) {
    // 2026-01-12 08:30 UTC, a Monday: 09:30 in Rome.
    const LocalTime winter = ToLocal(1768206600000, "Europe/Rome");
    EXPECT_EQ(winter.year, 2026);
    EXPECT_EQ(winter.month, 1);
    EXPECT_EQ(winter.day, 12);
    EXPECT_EQ(winter.weekday, 1);
    EXPECT_EQ(winter.minute, 9 * 60 + 30);
    // 2026-07-12 08:30 UTC, a Sunday: 10:30 in Rome.
    const LocalTime summer = ToLocal(1783845000000, "Europe/Rome");
    EXPECT_EQ(summer.weekday, 7);
    EXPECT_EQ(summer.minute, 10 * 60 + 30);
    EXPECT_EQ(FromLocal(2026, 1, 12, 9 * 60 + 30, "Europe/Rome"), 1768206600000);
    EXPECT_EQ(FromLocal(2026, 7, 12, 10 * 60 + 30, "Europe/Rome"), 1783845000000);
}

TEST(LocalTime, ReadsBackAcrossTheChangeToSummerTime) {
    // On 2026-03-29 Rome's clocks go from 02:00 to 03:00: 01:30 and 03:30 are one hour apart.
    const std::int64_t before = FromLocal(2026, 3, 29, 90, "Europe/Rome");
    const std::int64_t after = FromLocal(2026, 3, 29, 210, "Europe/Rome");
    EXPECT_EQ(after - before, 3'600'000);
    EXPECT_EQ(ToLocal(after, "Europe/Rome").minute, 210);
}

TEST(LocalTime, IsoDatesAreRealDays) {
    ASSERT_TRUE(ParseIsoDate("2028-02-29"));
    EXPECT_EQ(ParseIsoDate("2028-02-29")->day, 29);
    EXPECT_FALSE(ParseIsoDate("2027-02-29")) << "not a leap year";
    EXPECT_FALSE(ParseIsoDate("2026-13-01"));
    EXPECT_FALSE(ParseIsoDate("2026-1-01"));
    EXPECT_FALSE(ParseIsoDate("2026-01-01x"));
    EXPECT_FALSE(ParseIsoDate("1850-01-01"));
    EXPECT_EQ(IsoDateUtc(1768206600000), "2026-01-12");
    EXPECT_EQ(IsoDateUtc(-1), "1969-12-31");
}

}  // namespace
}  // namespace ponte::i18n

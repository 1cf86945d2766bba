#include "modules/cases/appointments/model.hpp"

#include <gtest/gtest.h>

namespace ponte::cases {
namespace {

TEST(AppointmentModel, ClocksReadAndWriteAsHoursAndMinutes) {
    EXPECT_EQ(ParseClock("09:30"), 570);
    EXPECT_EQ(ParseClock("24:00"), 1440) << "open until midnight";
    EXPECT_FALSE(ParseClock("24:30"));
    EXPECT_FALSE(ParseClock("9:30"));
    EXPECT_FALSE(ParseClock("09:60"));
    EXPECT_EQ(ClockText(570), "09:30");
    EXPECT_EQ(ClockText(1440), "24:00");
}

TEST(AppointmentModel, HoursCloseAfterTheyOpenAndDoNotOverlap) {
    EXPECT_FALSE(RefusedHours({{1, 540, 780}, {1, 840, 1080}, {2, 540, 780}}));
    EXPECT_EQ(RefusedHours({{1, 780, 540}})->code, "before_start");
    EXPECT_EQ(RefusedHours({{1, 540, 780}, {1, 720, 900}})->code, "overlap");
    EXPECT_FALSE(RefusedHours({{1, 540, 780}, {1, 780, 900}})) << "one range may start as the other ends";
}

TEST(AppointmentModel, AVisitFallsWithinOneRangeOfItsDay) {
    const std::vector<OpeningRange> hours{{1, 540, 780}, {1, 840, 1080}};
    auto at = [](int weekday, int minute) { return i18n::LocalTime{2026, 12, 7, weekday, minute}; };
    EXPECT_TRUE(WithinHours(hours, at(1, 540), at(1, 600)));
    EXPECT_TRUE(WithinHours(hours, at(1, 720), at(1, 780)));
    EXPECT_FALSE(WithinHours(hours, at(1, 750), at(1, 870))) << "across lunch";
    EXPECT_FALSE(WithinHours(hours, at(2, 600), at(2, 630))) << "closed on Tuesdays";
    const std::vector<OpeningRange> late{{1, 1320, 1440}};
    EXPECT_TRUE(WithinHours(late, at(1, 1380), i18n::LocalTime{2026, 12, 8, 2, 0})) << "ends at midnight";
    EXPECT_FALSE(WithinHours(late, at(1, 1380), i18n::LocalTime{2026, 12, 8, 2, 30}));
}

TEST(AppointmentModel, FreeSlotsLeaveOutWhatOverlapsABusyTime) {
    const std::vector<OpeningRange> hours{{1, 540, 720}};  // 09:00-12:00
    auto instant = [](int minute) { return std::int64_t{minute} * 60'000; };
    const auto free = FreeSlots(hours, 1, 60, {{instant(570), instant(630)}}, instant);
    ASSERT_EQ(free.size(), 1u) << "09:30-10:30 takes the 9 and 10 o'clock slots";
    EXPECT_EQ(free[0].starts_at, instant(660));
    EXPECT_TRUE(FreeSlots(hours, 2, 60, {}, instant).empty());
    EXPECT_EQ(FreeSlots(hours, 1, 45, {}, instant).size(), 4u);
}

TEST(AppointmentModel, OnlyABookedVisitEnds_ACancellationSaysWhy) {
    EXPECT_FALSE(RefusedOutcome(Attendance::kBooked, Attendance::kAttended, ""));
    EXPECT_FALSE(RefusedOutcome(Attendance::kBooked, Attendance::kNoShow, ""));
    EXPECT_EQ(RefusedOutcome(Attendance::kBooked, Attendance::kCancelled, "")->field, "reason");
    EXPECT_EQ(RefusedOutcome(Attendance::kAttended, Attendance::kNoShow, "")->code, "transition");
    EXPECT_EQ(RefusedOutcome(Attendance::kBooked, Attendance::kBooked, "")->code, "transition");
}

}  // namespace
}  // namespace ponte::cases

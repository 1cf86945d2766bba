#include "core/throttle/throttle.hpp"

#include <gtest/gtest.h>

namespace ponte::throttle {
namespace {

std::int64_t MinutesOf(const core::Failure& failure) {
    return std::get<std::int64_t>(failure.detail_arguments.at("minutes"));
}

// The detail tells her how long to wait, in whole minutes rounded up: never "0 minutes".
TEST(Throttle, TooManyAttempts_DetailGetsTheWaitInMinutesRoundedUp) {
    EXPECT_EQ(MinutesOf(TooManyAttempts(1)), 1);
    EXPECT_EQ(MinutesOf(TooManyAttempts(60'000)), 1);
    EXPECT_EQ(MinutesOf(TooManyAttempts(60'001)), 2);
    EXPECT_EQ(MinutesOf(TooManyAttempts(15 * 60'000 - 5)), 15);
    const core::Failure failure = TooManyAttempts(90'000, "detail.too_many_codes");
    EXPECT_EQ(failure.detail_key, "detail.too_many_codes");
    EXPECT_EQ(failure.retry_after_ms, 90'000);
}

}  // namespace
}  // namespace ponte::throttle

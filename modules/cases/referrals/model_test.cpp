#include "modules/cases/referrals/model.hpp"

#include <gtest/gtest.h>

namespace ponte::cases {
namespace {

TEST(ReferralModel, NamesReadBack) {
    for (Urgency urgency : {Urgency::kRoutine, Urgency::kSoon, Urgency::kUrgent})
        EXPECT_EQ(ParseUrgency(UrgencyName(urgency)), urgency);
    for (ReferralState state : {ReferralState::kPending, ReferralState::kAccepted, ReferralState::kDeclined})
        EXPECT_EQ(ParseReferralState(ReferralStateName(state)), state);
    EXPECT_FALSE(ParseUrgency("tomorrow"));
    EXPECT_FALSE(ParseReferralState(""));
}

TEST(ReferralModel, AReferralToItselfNamesItsReferrer_OneBetweenTwoDoesNot) {
    ReferralRequest between{.to_organization_id = 2, .consent_at = 10};
    EXPECT_FALSE(RefusedReferral(1, between, 10));
    between.outside = OutsideReferrer{.name = "Maria"};
    EXPECT_EQ(RefusedReferral(1, between, 10)->field, "referrer");
    EXPECT_EQ(RefusedReferral(1, between, 10)->code, "unknown");
    ReferralRequest recorded{.to_organization_id = 1, .consent_at = 10};
    EXPECT_EQ(RefusedReferral(1, recorded, 10)->code, "required");
    recorded.outside = OutsideReferrer{.name = "Maria"};
    EXPECT_FALSE(RefusedReferral(1, recorded, 10));
    // Her consent comes before the referral, never after.
    EXPECT_EQ(RefusedReferral(1, recorded, 9)->field, "consent_at");
}

TEST(ReferralModel, APendingReferralIsAnsweredOnce_ADeclineSaysWhy) {
    EXPECT_FALSE(RefusedAnswer(ReferralState::kPending, {.accept = true}));
    EXPECT_FALSE(RefusedAnswer(ReferralState::kPending, {.accept = false, .reason = "No place"}));
    EXPECT_EQ(RefusedAnswer(ReferralState::kPending, {.accept = false})->field, "reason");
    EXPECT_EQ(RefusedAnswer(ReferralState::kAccepted, {.accept = true})->code, "answered");
    EXPECT_EQ(RefusedAnswer(ReferralState::kDeclined, {.accept = false, .reason = "x"})->code, "answered");
}

}  // namespace
}  // namespace ponte::cases

#include "modules/cases/model.hpp"

#include <gtest/gtest.h>

namespace ponte::cases {
namespace {

std::string Refused(State from, Move move) {
    auto refusal = RefusedMove(from, move);
    return refusal ? refusal->field + ":" + refusal->code : "";
}

TEST(CaseModel, StateNames_RoundTrip) {
    for (State state : kAllStates) EXPECT_EQ(ParseState(StateName(state)), state);
    EXPECT_EQ(ParseState("open"), std::nullopt);
}

TEST(CaseModel, ACaseGoesFromReferralToClosingAndMayBeReopened) {
    EXPECT_EQ(Refused(State::kReferred, {.to = State::kIntake}), "");
    EXPECT_EQ(Refused(State::kIntake, {.to = State::kActive}), "");
    EXPECT_EQ(Refused(State::kActive, {.to = State::kSuspended, .reason = "in hospital"}), "");
    EXPECT_EQ(Refused(State::kSuspended, {.to = State::kActive}), "");
    EXPECT_EQ(Refused(State::kActive, {.to = State::kClosed, .outcome = "autonomy_reached", .reason = "works"}), "");
    EXPECT_EQ(Refused(State::kClosed, {.to = State::kActive, .reason = "lost her job"}), "");
}

TEST(CaseModel, ImpossibleMoves_AreRefusedOnTo) {
    EXPECT_EQ(Refused(State::kIntake, {.to = State::kClosed, .outcome = "withdrew", .reason = "x"}), "to:transition");
    EXPECT_EQ(Refused(State::kReferred, {.to = State::kActive}), "to:transition");
    EXPECT_EQ(Refused(State::kActive, {.to = State::kIntake}), "to:transition");
    EXPECT_EQ(Refused(State::kActive, {.to = State::kActive}), "to:transition");
    EXPECT_EQ(Refused(State::kClosed, {.to = State::kSuspended, .reason = "x"}), "to:transition");
}

TEST(CaseModel, ClosingNeedsAKnownOutcomeAndAReason_DecliningOnlyAReferral) {
    EXPECT_EQ(Refused(State::kActive, {.to = State::kClosed, .reason = "x"}), "outcome:required");
    EXPECT_EQ(Refused(State::kActive, {.to = State::kClosed, .outcome = "happy", .reason = "x"}), "outcome:format");
    EXPECT_EQ(Refused(State::kActive, {.to = State::kClosed, .outcome = "declined", .reason = "x"}), "outcome:format");
    EXPECT_EQ(Refused(State::kReferred, {.to = State::kClosed, .outcome = "withdrew", .reason = "x"}),
              "outcome:format");
    EXPECT_EQ(Refused(State::kReferred, {.to = State::kClosed, .outcome = "declined", .reason = "no places"}), "");
    EXPECT_EQ(Refused(State::kSuspended, {.to = State::kClosed, .outcome = "moved_away"}), "reason:required");
    EXPECT_EQ(Refused(State::kActive, {.to = State::kSuspended}), "reason:required");
    EXPECT_EQ(Refused(State::kClosed, {.to = State::kActive}), "reason:required");
}

}  // namespace
}  // namespace ponte::cases

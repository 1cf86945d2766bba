#include "modules/consents/model.hpp"

#include <gtest/gtest.h>

namespace ponte::consents {
namespace {

TEST(MethodFor, HerOwnDecision_IsOnline) {
    EXPECT_EQ(MethodFor(true, std::nullopt), "online");
    EXPECT_EQ(MethodFor(true, "online"), "online");
    EXPECT_EQ(MethodFor(true, "paper"), std::nullopt);
    EXPECT_EQ(MethodFor(true, "verbal"), std::nullopt);
}

TEST(MethodFor, StaffRecordOnlyPaperOrVerbalDecisions) {
    EXPECT_EQ(MethodFor(false, "paper"), "paper");
    EXPECT_EQ(MethodFor(false, "verbal"), "verbal");
    EXPECT_EQ(MethodFor(false, "online"), std::nullopt);
    EXPECT_EQ(MethodFor(false, std::nullopt), std::nullopt);
}

TEST(CurrentState, LatestDecisionPerPurpose_NeverAskedIsEmpty) {
    const std::map<std::string, std::string, std::less<>> purposes = {{"a.one", "key.one"}, {"b.two", "key.two"}};
    const std::vector<Decision> history = {{.purpose = "a.one", .given = true}, {.purpose = "a.one", .given = false}};
    auto state = CurrentState(purposes, history);
    ASSERT_EQ(state.size(), 2u);
    EXPECT_EQ(state[0].purpose, "a.one");
    EXPECT_EQ(state[0].given, false);
    EXPECT_EQ(state[0].description_key, "key.one");
    EXPECT_EQ(state[1].given, std::nullopt);
}

}  // namespace
}  // namespace ponte::consents

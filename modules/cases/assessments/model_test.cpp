#include "modules/cases/assessments/model.hpp"

#include <gtest/gtest.h>

namespace ponte::cases {
namespace {

constexpr std::int64_t kNow = 1'800'000'000'000;

std::string Refused(const std::vector<Score>& scores, std::int64_t at = kNow, State state = State::kActive) {
    auto refusal = RefusedAssessment(state, scores, at, kNow);
    return refusal ? refusal->field + ":" + refusal->code : "";
}

TEST(AssessmentModel, NineDomains_EachKnownOnce) {
    EXPECT_EQ(std::size(kDomains), 9u);
    for (std::string_view domain : kDomains) EXPECT_TRUE(IsDomain(domain)) << domain;
    EXPECT_FALSE(IsDomain("Housing"));
    EXPECT_FALSE(IsDomain(""));
}

TEST(AssessmentModel, SomeDomainsScoredOneToFive_AreRecorded) {
    EXPECT_EQ(Refused({{"housing", 1, ""}}), "");
    EXPECT_EQ(Refused({{"work", 5, "a contract"}, {"language", 3, ""}}, kNow - 1), "");
    EXPECT_EQ(Refused({{"money", 2, ""}}, 0, State::kSuspended), "");
    EXPECT_EQ(Refused({{"money", 2, ""}}, kNow, State::kIntake), "");
}

TEST(AssessmentModel, ADomainScoredTwice_OrAFutureTime_IsRefusedNamingItsField) {
    EXPECT_EQ(Refused({{"housing", 3, ""}, {"work", 2, ""}, {"housing", 4, ""}}), "scores:duplicate_domain");
    EXPECT_EQ(Refused({{"housing", 3, ""}, {"housing", 3, ""}}), "scores:duplicate_domain");
    EXPECT_EQ(Refused({{"housing", 3, ""}}, kNow + 1), "assessed_at:future");
}

TEST(AssessmentModel, AClosedCase_IsNotAssessed) {
    EXPECT_EQ(Refused({{"housing", 3, ""}}, kNow, State::kClosed), "state:closed");
}

TEST(AssessmentModel, Progress_PerDomainInDomainOrder_OldestFirst) {
    const std::vector<Assessment> newest_first = {
        {.id = 3, .assessed_at = 300, .scores = {{"work", 4, ""}, {"housing", 5, ""}}},
        {.id = 4, .assessed_at = 100, .scores = {{"housing", 3, ""}}},  // recorded later, of an earlier time
        {.id = 1, .assessed_at = 200, .scores = {{"housing", 2, ""}, {"language", 1, ""}}},
        {.id = 2, .assessed_at = 200, .scores = {{"housing", 4, ""}}},
    };
    const auto progress = ProgressOf(newest_first);
    ASSERT_EQ(progress.size(), 3u);
    EXPECT_EQ(progress[0].domain, "language");
    EXPECT_EQ(progress[1].domain, "housing");
    EXPECT_EQ(progress[2].domain, "work");
    std::vector<std::pair<std::int64_t, int>> housing;
    for (const auto& point : progress[1].points) housing.emplace_back(point.at, point.score);
    EXPECT_EQ(housing, (std::vector<std::pair<std::int64_t, int>>{{100, 3}, {200, 2}, {200, 4}, {300, 5}}));
    ASSERT_EQ(progress[2].points.size(), 1u);
    EXPECT_EQ(progress[2].points[0].score, 4);
    EXPECT_TRUE(ProgressOf({}).empty());
}

}  // namespace
}  // namespace ponte::cases

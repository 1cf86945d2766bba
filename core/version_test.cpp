#include "core/version.hpp"

#include <gtest/gtest.h>

namespace ponte::core {
namespace {

Outcome<std::int64_t> Expected(std::optional<std::string> if_match) {
    http::Request request;
    if (if_match) request.headers.Set("If-Match", *if_match);
    return ExpectedVersion(request);
}

TEST(VersionTest, ETag_IsTheQuotedVersion) {
    EXPECT_EQ(ETag(7), "\"7\"");
    http::Response response;
    SetETag(response, 12);
    EXPECT_EQ(response.headers.Get("ETag"), "\"12\"");
}

TEST(VersionTest, IfMatchOfAnETag_IsItsVersion) {
    EXPECT_EQ(Expected(ETag(7)).value(), 7);
    EXPECT_EQ(Expected(" \"3\" ").value(), 3);
}

TEST(VersionTest, NoIfMatch_IsVersionRequired) {
    for (const auto& header : {std::optional<std::string>(), std::optional<std::string>(""),
                               std::optional<std::string>("*"), std::optional<std::string>("  ")}) {
        auto expected = Expected(header);
        ASSERT_FALSE(expected) << header.value_or("(none)");
        EXPECT_EQ(expected.failure().fault, Fault::kVersionRequired);
    }
}

TEST(VersionTest, IfMatchThatNamesNoVersion_IsStale) {
    for (const char* header : {"7", R"(W/"7")", R"("seven")", R"("")", R"("0")", R"("-1")", R"("3", "4")", R"(")"}) {
        auto expected = Expected(header);
        ASSERT_FALSE(expected) << header;
        EXPECT_EQ(expected.failure().fault, Fault::kStale) << header;
    }
}

}  // namespace
}  // namespace ponte::core

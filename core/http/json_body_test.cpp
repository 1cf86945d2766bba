#include "core/http/json_body.hpp"

#include <gtest/gtest.h>

namespace ponte::http {
namespace {

std::vector<std::string> Fields(const Problem& problem) {
    std::vector<std::string> out;
    for (const auto& error : problem.errors) out.push_back(error.field + ":" + error.code);
    return out;
}

TEST(ParseJsonObject, Malformed_IsMalformedJson) {
    for (const std::string& body : std::vector<std::string>{"", "{", "{\"a\":}", "nul", "{\"a\":\"\xff\"}",
                                                            std::string(40, '[') + std::string(40, ']')}) {
        auto outcome = ParseJsonObject(body);
        ASSERT_FALSE(outcome.ok()) << body;
        EXPECT_EQ(outcome.problem().kind, ProblemKind::kMalformedJson) << body;
    }
}

TEST(ParseJsonObject, NotAnObject_IsMalformedJsonWithDetail) {
    auto outcome = ParseJsonObject("[1,2]");
    ASSERT_FALSE(outcome.ok());
    EXPECT_EQ(outcome.problem().detail_key, "detail.json_object");
}

TEST(JsonFields, Finish_ReportsEveryBadFieldAtOnce) {
    auto object = ParseJsonObject(R"({"name":"","age":"x","extra":1,"long":"abcdef"})");
    ASSERT_TRUE(object.ok());
    JsonFields fields(object.value());
    fields.RequiredString("name", 1, 10);
    fields.RequiredInt("age", 0, 150);
    fields.RequiredString("missing", 1, 10);
    fields.OptionalString("long", 0, 3);
    auto problem = fields.Finish();
    ASSERT_TRUE(problem.has_value());
    EXPECT_EQ(problem->kind, ProblemKind::kInvalidFields);
    EXPECT_EQ(Fields(*problem), (std::vector<std::string>{"name:required", "age:type", "missing:required",
                                                          "long:too_long", "extra:unknown"}));
}

TEST(JsonFields, Strings_AreMeasuredInCodePoints) {
    auto object = ParseJsonObject(R"({"name":"مرحبا"})");
    JsonFields fields(object.value());
    EXPECT_EQ(fields.RequiredString("name", 5, 5), "مرحبا");
    EXPECT_FALSE(fields.Finish().has_value());
}

TEST(JsonFields, Integers_AreBounded) {
    auto object = ParseJsonObject(R"({"a":5,"b":-1,"c":1.5,"d":18446744073709551615})");
    JsonFields fields(object.value());
    EXPECT_EQ(fields.RequiredInt("a", 0, 10), 5);
    fields.RequiredInt("b", 0, 10);
    fields.RequiredInt("c", 0, 10);
    fields.RequiredInt("d", 0, 10);
    EXPECT_EQ(Fields(*fields.Finish()), (std::vector<std::string>{"b:too_small", "c:type", "d:too_large"}));
}

}  // namespace
}  // namespace ponte::http

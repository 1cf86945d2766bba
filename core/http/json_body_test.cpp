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

TEST(ParseJsonObject, DuplicateKey_IsMalformedJsonWithDetail) {
    for (const std::string body : {R"({"kind":"bogus","kind":"ngo"})", R"({"a":{"b":1,"b":2}})",
                                   R"({"a":[{"x":1},{"y":1,"y":2}]})", R"({"k\u0069nd":1,"kind":2})"}) {
        auto outcome = ParseJsonObject(body);
        ASSERT_FALSE(outcome.ok()) << body;
        EXPECT_EQ(outcome.problem().kind, ProblemKind::kMalformedJson) << body;
        EXPECT_EQ(outcome.problem().detail_key, "detail.json_duplicate_key") << body;
    }
    // The same key in different objects is no duplicate.
    EXPECT_TRUE(ParseJsonObject(R"({"a":{"id":1},"b":{"id":2},"id":3,"c":[{"id":4},{"id":5}]})").ok());
}

TEST(JsonFields, ControlCharacters_AreRefusedNamingTheField) {
    for (const std::string& text : {std::string("a\\u0000b"), std::string("a\\tb"), std::string("line\\nbreak"),
                                    std::string("a\\u007fb"), std::string("a\\u0085b"), std::string("a\\u009fb")}) {
        auto object = ParseJsonObject(R"({"name":")" + text + R"("})");
        ASSERT_TRUE(object.ok()) << text;
        JsonFields fields(object.value());
        EXPECT_EQ(fields.RequiredString("name", 1, 100), std::nullopt) << text;
        EXPECT_EQ(Fields(*fields.Finish()), (std::vector<std::string>{"name:control_characters"})) << text;
    }
}

TEST(JsonFields, Secrets_MayHoldAnythingButNul) {
    auto object = ParseJsonObject(R"({"password":"tab\there\u0085 ok","nul":"a\u0000b"})");
    ASSERT_TRUE(object.ok());
    JsonFields fields(object.value());
    EXPECT_EQ(fields.RequiredString("password", 1, 100, Text::kSecret), "tab\there\xc2\x85 ok");
    fields.RequiredString("nul", 1, 100, Text::kSecret);
    EXPECT_EQ(Fields(*fields.Finish()), (std::vector<std::string>{"nul:control_characters"}));
}

TEST(JsonFields, NamesWithoutAVisibleCharacter_AreRefused) {
    for (const std::string text : {R"(\u200b)", R"(\u202e)", R"(   )", R"(\u200b\u202e\u2060 )", R"(\u3164)",
                                   R"(\u00a0\u3000)", R"(\ufeff)", R"(\u0301)", R"(\u2800)"}) {
        auto object = ParseJsonObject(R"({"name":")" + text + R"("})");
        ASSERT_TRUE(object.ok()) << text;
        JsonFields fields(object.value());
        EXPECT_EQ(fields.RequiredString("name", 1, 100, Text::kName), std::nullopt) << text;
        EXPECT_EQ(Fields(*fields.Finish()), (std::vector<std::string>{"name:no_visible_character"})) << text;
    }
    for (const std::string text : {"Ana", "مرحبا", "李", "\u202eAna", "1", "\u0634\u0651"}) {
        EXPECT_TRUE(HasVisibleCharacter(text)) << text;
    }
}

// "\u202eanA" would show as "Ana" in a member list; marks that keyboards insert stay allowed.
TEST(JsonFields, NamesWithDirectionOverrides_AreRefused) {
    for (const std::string text : {R"(\u202eanA)", R"(Ana \u2067x\u2069)", R"(\u202aAna)"}) {
        auto object = ParseJsonObject(R"({"name":")" + text + R"("})");
        ASSERT_TRUE(object.ok()) << text;
        JsonFields fields(object.value());
        EXPECT_EQ(fields.RequiredString("name", 1, 100, Text::kName), std::nullopt) << text;
        EXPECT_EQ(Fields(*fields.Finish()), (std::vector<std::string>{"name:direction_override"})) << text;
    }
    auto object = ParseJsonObject(R"j({"name":"\u0645\u0631\u064a\u0645\u200f (Maryam)"})j");
    JsonFields fields(object.value());
    EXPECT_TRUE(fields.RequiredString("name", 1, 100, Text::kName).has_value());
    EXPECT_EQ(fields.Finish(), std::nullopt);
}

TEST(JsonFields, PlainTexts_MayHaveNoVisibleCharacter) {
    auto object = ParseJsonObject(R"({"note":"\u200b"})");
    JsonFields fields(object.value());
    EXPECT_EQ(fields.RequiredString("note", 1, 10), "\u200b");
    EXPECT_FALSE(fields.Finish().has_value());
}

TEST(JsonFields, Texts_AreNormalizedToNfc) {
    // "Zoë" with a combining diaeresis becomes the precomposed ë: one code point fewer.
    auto object = ParseJsonObject(R"({"name":"Zoe\u0308","password":"Zoe\u0308"})");
    JsonFields fields(object.value());
    EXPECT_EQ(fields.RequiredString("name", 3, 3, Text::kName), "Zo\u00eb");
    EXPECT_EQ(fields.RequiredString("password", 1, 10, Text::kSecret), "Zoe\u0308");
    EXPECT_FALSE(fields.Finish().has_value());
    EXPECT_EQ(NormalizeNfc("\u0041\u030a"), "\u00c5");
    EXPECT_EQ(NormalizeNfc("plain"), "plain");
}

}  // namespace
}  // namespace ponte::http

#include "core/http/json_body.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <stdexcept>

#include <boost/json/parse.hpp>

#include "core/http/body_schema.hpp"

namespace ponte::http {
namespace {

std::vector<std::string> Fields(const core::Failure& failure) {
    std::vector<std::string> out;
    for (const auto& error : failure.errors) out.push_back(error.field + ":" + error.code);
    return out;
}

// A request to a route whose body schema is `schema`, carrying `body`.
struct Body {
    Body(std::string_view schema_text, std::string_view body) : schema(boost::json::parse(schema_text)) {
        request.json = ParseJsonObject(body).value();
        request.body_schema = &schema;
    }
    BodySchema schema;
    Request request;
};

// A schema that accepts any text up to 100 characters in "name", "note", "password" and "nul".
constexpr std::string_view kTexts = R"({"type":"object","additionalProperties":false,"properties":{
    "name":{"type":"string","maxLength":100},"note":{"type":"string","maxLength":100},
    "password":{"type":"string","maxLength":100},"nul":{"type":"string","maxLength":100}}})";

TEST(ParseJsonObject, Malformed_IsUnreadable) {
    for (const std::string& body : std::vector<std::string>{"", "{", "{\"a\":}", "nul", "{\"a\":\"\xff\"}",
                                                            std::string(40, '[') + std::string(40, ']')}) {
        auto outcome = ParseJsonObject(body);
        ASSERT_FALSE(outcome.ok()) << body;
        EXPECT_EQ(outcome.failure().fault, core::Fault::kUnreadable) << body;
    }
}

TEST(ParseJsonObject, NotAnObject_IsUnreadableWithDetail) {
    auto outcome = ParseJsonObject("[1,2]");
    ASSERT_FALSE(outcome.ok());
    EXPECT_EQ(outcome.failure().detail_key, "detail.json_object");
}

// A handler that reads a body its route does not declare is a bug: it must stop the request in a
// release build too (where an assert would be compiled out), saying which request it was.
TEST(JsonFields, RequestWithoutBodySchema_ThrowsLogicErrorNamingTheRoute) {
    Request request;
    request.method = Method::kPost;
    request.method_name = "POST";
    request.path = "/api/v1/items/7";
    std::string message;  // stays empty unless a logic_error comes
    try {
        JsonFields fields(request);
    } catch (const std::logic_error& error) {
        message = error.what();
    }
    EXPECT_NE(message.find("POST /api/v1/items/7"), std::string::npos) << message;
    EXPECT_FALSE(request.body_checked);
}

TEST(JsonFields, Finish_ReportsEveryBadFieldAtOnce) {
    Body body(R"({"type":"object","additionalProperties":false,"required":["name","age","missing"],"properties":{
        "name":{"type":"string","minLength":1,"maxLength":10},"age":{"type":"integer","minimum":0},
        "missing":{"type":"string"},"long":{"type":"string","maxLength":3},"kind":{"enum":["a","b"]}}})",
              R"({"name":"","age":"x","extra":1,"long":"abcdef","kind":"c"})");
    JsonFields fields(body.request);
    EXPECT_TRUE(body.request.body_checked);
    EXPECT_EQ(fields.String("name"), std::nullopt);
    EXPECT_EQ(fields.Int("age"), std::nullopt);
    fields.Invalid("long", "format");  // a field in error keeps its first reason
    auto failure = fields.Finish();
    ASSERT_TRUE(failure.has_value());
    EXPECT_EQ(failure->fault, core::Fault::kInvalidFields);
    auto found = Fields(*failure);
    std::sort(found.begin(), found.end());
    EXPECT_EQ(found, (std::vector<std::string>{"age:type", "extra:unknown", "kind:format", "long:too_long",
                                               "missing:required", "name:required"}));
}

TEST(JsonFields, Strings_AreMeasuredInCodePoints) {
    constexpr std::string_view kFive =
        R"({"type":"object","properties":{"name":{"type":"string","minLength":5,"maxLength":5}}})";
    Body arabic(kFive, R"({"name":"مرحبا"})");
    JsonFields fields(arabic.request);
    EXPECT_EQ(fields.String("name"), "مرحبا");
    EXPECT_FALSE(fields.Finish().has_value());
    Body six(kFive, R"({"name":"مرحبام"})");
    EXPECT_EQ(Fields(*JsonFields(six.request).Finish()), (std::vector<std::string>{"name:too_long"}));
}

TEST(JsonFields, Integers_AreBounded) {
    Body body(R"({"type":"object","properties":{"a":{"type":"integer","minimum":0,"maximum":10},
        "b":{"type":"integer","minimum":0},"c":{"type":"integer"},"d":{"type":"integer"},
        "e":{"type":"integer","maximum":10}}})",
              R"({"a":5,"b":-1,"c":1.5,"d":18446744073709551615,"e":11})");
    JsonFields fields(body.request);
    EXPECT_EQ(fields.Int("a"), 5);
    EXPECT_EQ(fields.Int("d"), std::nullopt);
    auto found = Fields(*fields.Finish());
    std::sort(found.begin(), found.end());
    EXPECT_EQ(found, (std::vector<std::string>{"b:too_small", "c:type", "d:too_large", "e:too_large"}));
}

TEST(JsonFields, NestedFields_AreNamedWithDots) {
    Body body(R"({"type":"object","properties":{"address":{"type":"object","required":["city"],
        "properties":{"city":{"type":"string"},"zip":{"type":"string","maxLength":5}}}}})",
              R"({"address":{"zip":"1234567"}})");
    auto found = Fields(*JsonFields(body.request).Finish());
    std::sort(found.begin(), found.end());
    EXPECT_EQ(found, (std::vector<std::string>{"address.city:required", "address.zip:too_long"}));
}

// An array is read item by item once the schema accepted it whole; its bounds are named like a
// string's, and a text in an item is checked as a field's.
constexpr std::string_view kItems = R"({"type":"object","additionalProperties":false,"properties":{
    "items":{"type":"array","minItems":1,"maxItems":2,"items":{"type":"object","additionalProperties":false,
      "properties":{"code":{"type":"integer"},"note":{"type":"string","maxLength":10}}}}}})";

TEST(JsonFields, Arrays_AreBoundedAndReadItemByItem) {
    Body good(kItems, R"({"items":[{"code":1,"note":"a\u0065\u0301"},{"code":2}]})");
    JsonFields fields(good.request);
    const boost::json::array* items = fields.Array("items");
    ASSERT_NE(items, nullptr);
    ASSERT_EQ(items->size(), 2u);
    EXPECT_EQ(fields.StringIn(items->at(0).as_object(), "note", "items.0.note"), "a\u00e9");
    EXPECT_EQ(fields.StringIn(items->at(1).as_object(), "note", "items.1.note"), std::nullopt);
    EXPECT_FALSE(fields.Finish());

    Body control(kItems, R"({"items":[{"note":"a\u0007"}]})");
    JsonFields checked(control.request);
    ASSERT_NE(checked.Array("items"), nullptr);
    EXPECT_EQ(checked.StringIn(checked.Array("items")->at(0).as_object(), "note", "items.0.note"), std::nullopt);
    EXPECT_EQ(Fields(*checked.Finish()), (std::vector<std::string>{"items.0.note:control_characters"}));

    for (const auto& [body, error] :
         std::vector<std::pair<std::string, std::string>>{{R"({"items":[]})", "items:too_short"},
                                                          {R"({"items":[{},{},{}]})", "items:too_long"},
                                                          {R"({"items":[{"code":"1"}]})", "items.0.code:type"},
                                                          {R"({"items":{}})", "items:type"}}) {
        Body bad(kItems, body);
        JsonFields refused(bad.request);
        EXPECT_EQ(refused.Array("items"), nullptr) << body;
        EXPECT_EQ(Fields(*refused.Finish()), std::vector<std::string>{error}) << body;
    }
    Body absent(kItems, "{}");
    EXPECT_EQ(JsonFields(absent.request).Array("items"), nullptr);
}

TEST(ParseJsonObject, DuplicateKey_IsUnreadableWithDetail) {
    for (const std::string body : {R"({"kind":"bogus","kind":"ngo"})", R"({"a":{"b":1,"b":2}})",
                                   R"({"a":[{"x":1},{"y":1,"y":2}]})", R"({"k\u0069nd":1,"kind":2})"}) {
        auto outcome = ParseJsonObject(body);
        ASSERT_FALSE(outcome.ok()) << body;
        EXPECT_EQ(outcome.failure().fault, core::Fault::kUnreadable) << body;
        EXPECT_EQ(outcome.failure().detail_key, "detail.json_duplicate_key") << body;
    }
    // The same key in different objects is no duplicate.
    EXPECT_TRUE(ParseJsonObject(R"({"a":{"id":1},"b":{"id":2},"id":3,"c":[{"id":4},{"id":5}]})").ok());
}

TEST(JsonFields, ControlCharacters_AreRefusedNamingTheField) {
    for (const std::string& text : {std::string("a\\u0000b"), std::string("a\\tb"), std::string("line\\nbreak"),
                                    std::string("a\\u007fb"), std::string("a\\u0085b"), std::string("a\\u009fb")}) {
        Body body(kTexts, R"({"name":")" + text + R"("})");
        JsonFields fields(body.request);
        EXPECT_EQ(fields.String("name"), std::nullopt) << text;
        EXPECT_EQ(Fields(*fields.Finish()), (std::vector<std::string>{"name:control_characters"})) << text;
    }
}

TEST(JsonFields, Secrets_MayHoldAnythingButNul) {
    Body body(kTexts, R"({"password":"tab\there\u0085 ok","nul":"a\u0000b"})");
    JsonFields fields(body.request);
    EXPECT_EQ(fields.String("password", Text::kSecret), "tab\there\xc2\x85 ok");
    fields.String("nul", Text::kSecret);
    EXPECT_EQ(Fields(*fields.Finish()), (std::vector<std::string>{"nul:control_characters"}));
}

TEST(JsonFields, Prose_HoldsLinesAndTabs_ButNoOtherControlAndSomethingVisible) {
    Body body(kTexts, R"({"note":"She called.\n\tShe will come on Monday.","name":"a\rb","password":" \n "})");
    JsonFields fields(body.request);
    EXPECT_EQ(fields.String("note", Text::kProse), "She called.\n\tShe will come on Monday.");
    EXPECT_EQ(fields.String("name", Text::kProse), std::nullopt);
    EXPECT_EQ(fields.String("password", Text::kProse), std::nullopt);
    EXPECT_EQ(Fields(*fields.Finish()),
              (std::vector<std::string>{"name:control_characters", "password:no_visible_character"}));
}

TEST(JsonFields, NamesWithoutAVisibleCharacter_AreRefused) {
    for (const std::string text : {R"(\u200b)", R"(\u202e)", R"(   )", R"(\u200b\u202e\u2060 )", R"(\u3164)",
                                   R"(\u00a0\u3000)", R"(\ufeff)", R"(\u0301)", R"(\u2800)"}) {
        Body body(kTexts, R"({"name":")" + text + R"("})");
        JsonFields fields(body.request);
        EXPECT_EQ(fields.String("name", Text::kName), std::nullopt) << text;
        EXPECT_EQ(Fields(*fields.Finish()), (std::vector<std::string>{"name:no_visible_character"})) << text;
    }
    for (const std::string text : {"Ana", "مرحبا", "李", "\u202eAna", "1", "\u0634\u0651"}) {
        EXPECT_TRUE(HasVisibleCharacter(text)) << text;
    }
}

// "\u202eanA" would show as "Ana" in a member list; marks that keyboards insert stay allowed.
TEST(JsonFields, NamesWithDirectionOverrides_AreRefused) {
    for (const std::string text : {R"(\u202eanA)", R"(Ana \u2067x\u2069)", R"(\u202aAna)"}) {
        Body body(kTexts, R"({"name":")" + text + R"("})");
        JsonFields fields(body.request);
        EXPECT_EQ(fields.String("name", Text::kName), std::nullopt) << text;
        EXPECT_EQ(Fields(*fields.Finish()), (std::vector<std::string>{"name:direction_override"})) << text;
    }
    Body body(kTexts, R"j({"name":"\u0645\u0631\u064a\u0645\u200f (Maryam)"})j");
    JsonFields fields(body.request);
    EXPECT_TRUE(fields.String("name", Text::kName).has_value());
    EXPECT_FALSE(fields.Finish().has_value());
}

TEST(JsonFields, PlainTexts_MayHaveNoVisibleCharacter) {
    Body body(kTexts, R"({"note":"\u200b"})");
    JsonFields fields(body.request);
    EXPECT_EQ(fields.String("note"), "\u200b");
    EXPECT_FALSE(fields.Finish().has_value());
}

TEST(JsonFields, Texts_AreNormalizedToNfc) {
    // "Zoë" with a combining diaeresis becomes the precomposed ë: one code point fewer.
    Body body(kTexts, R"({"name":"Zoe\u0308","password":"Zoe\u0308"})");
    JsonFields fields(body.request);
    EXPECT_EQ(fields.String("name", Text::kName), "Zo\u00eb");
    EXPECT_EQ(fields.String("password", Text::kSecret), "Zoe\u0308");
    EXPECT_FALSE(fields.Finish().has_value());
    EXPECT_EQ(NormalizeNfc("\u0041\u030a"), "\u00c5");
    EXPECT_EQ(NormalizeNfc("plain"), "plain");
}

}  // namespace
}  // namespace ponte::http

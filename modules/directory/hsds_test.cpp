#include "modules/directory/hsds.hpp"

#include <gtest/gtest.h>

#include <set>

#include "core/testing/json_schema.hpp"

namespace ponte::directory {
namespace {

std::filesystem::path SchemaFolder() { return testing::SharedDir() / "hsds-3.0" / "schema"; }

// The type and format our description gives a field, as the official schema writes them.
std::pair<std::string, std::string> Official(FieldType type) {
    switch (type) {
        case FieldType::kNumber:
            return {"number", ""};
        case FieldType::kBoolean:
            return {"boolean", ""};
        case FieldType::kUuid:
            return {"string", "uuid"};
        case FieldType::kUri:
            return {"string", "uri"};
        case FieldType::kEmail:
            return {"string", "email"};
        case FieldType::kDateTime:
            return {"string", "date-time"};
        default:
            return {"string", ""};
    }
}

std::string KindOfRef(std::string_view ref) { return std::string(ref.substr(0, ref.find(".json"))); }

// The objects the HSDS API nests that the table schemas do not have (the "compiled" ones).
const std::set<std::pair<std::string, std::string>> kCompiledOnly = {{"organization", "services"},
                                                                     {"service_at_location", "service"}};

TEST(HsdsKinds, EveryKind_IsTheOfficialSchemaFieldForField) {
    std::set<std::string> official_kinds;
    for (const auto& entry : std::filesystem::directory_iterator(SchemaFolder())) {
        const std::string name = entry.path().stem().string();
        if (name == "openapi") continue;
        official_kinds.insert(name);
        SCOPED_TRACE(name);
        const boost::json::object schema = testing::ReadJsonFile(entry.path()).as_object();
        const Kind& kind = KindNamed(name);
        std::set<std::string> required;
        if (const auto* list = schema.if_contains("required")) {
            for (const auto& field : list->as_array()) required.insert(std::string(field.as_string()));
        }
        std::set<std::string> seen;
        for (const auto& [key, property] : schema.at("properties").as_object()) {
            SCOPED_TRACE(std::string(key));
            seen.insert(key);
            const boost::json::object& p = property.as_object();
            const auto* items = p.if_contains("items");
            const auto* ref = items ? items->as_object().if_contains("$ref") : p.if_contains("$ref");
            if (ref != nullptr) {
                const Child* child = kind.FindChild(key);
                ASSERT_NE(child, nullptr);
                EXPECT_EQ(child->kind, KindOfRef(ref->as_string()));
                EXPECT_EQ(child->many, items != nullptr);
                continue;
            }
            const Field* field = kind.FindField(key);
            ASSERT_NE(field, nullptr);
            const auto [type, format] = Official(field->type);
            EXPECT_EQ(type, p.at("type").as_string());
            const auto* official_format = p.if_contains("format");
            EXPECT_EQ(format, official_format ? std::string(official_format->as_string()) : std::string());
            EXPECT_EQ(field->required, required.contains(key));
            std::vector<std::string> values;
            if (const auto* list = p.if_contains("enum")) {
                for (const auto& value : list->as_array()) values.emplace_back(value.as_string());
            }
            EXPECT_EQ(field->values, values);
            EXPECT_FALSE(field->ponte);
        }
        for (const Field& field : kind.fields) {
            EXPECT_TRUE(seen.contains(field.name) || field.ponte) << "not in the official schema: " << field.name;
            EXPECT_EQ(field.ponte, field.name.starts_with("ponte_"));
        }
        for (const Child& child : kind.children) {
            EXPECT_TRUE(seen.contains(child.name) || kCompiledOnly.contains({kind.name, child.name}))
                << "not in the official schema: " << child.name;
        }
    }
    std::set<std::string> ours;
    for (const Kind& kind : Kinds()) ours.insert(kind.name);
    EXPECT_EQ(ours, official_kinds);
}

TEST(HsdsKinds, WithoutPonteFields_RemovesThemAtEveryDepth) {
    boost::json::object service{
        {"id", "s"},
        {"service_at_locations",
         {{{"id", "a"}, {"location", {{"id", "l"}, {"ponte_confidential", true}, {"name", "Shelter"}}}}}},
        {"organization", {{"id", "o"}, {"locations", {{{"id", "l2"}, {"ponte_time_zone", "Europe/Rome"}}}}}}};
    const boost::json::object clean = WithoutPonteFields("service", service);
    EXPECT_EQ(boost::json::serialize(clean),
              R"({"id":"s","service_at_locations":[{"id":"a","location":{"id":"l","name":"Shelter"}}],)"
              R"("organization":{"id":"o","locations":[{"id":"l2"}]}})");
}

TEST(HsdsKinds, KindSchema_ClosesEveryObjectAndBoundsEveryString) {
    const boost::json::object schema = KindSchema("service");
    const auto& definitions = schema.at("definitions").as_object();
    EXPECT_TRUE(definitions.contains("taxonomy"));  // service > attributes > taxonomy_term > taxonomy_detail
    for (const auto& [name, definition] : definitions) {
        SCOPED_TRACE(std::string(name));
        EXPECT_EQ(definition.at("additionalProperties"), false);
        for (const auto& [field, property] : definition.at("properties").as_object()) {
            const auto& p = property.as_object();
            if (p.contains("type") && p.at("type") == "string") {
                EXPECT_TRUE(p.contains("maxLength") || p.contains("pattern")) << field;
            }
        }
    }
}

}  // namespace
}  // namespace ponte::directory

// For the directory's tests: the official HSDS 3.0 schemas and examples, read from the reference
// data beside the project (core/testing/json_schema.hpp). Header-only, included by tests alone.
#pragma once

#include <boost/json.hpp>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/testing/json_schema.hpp"

namespace ponte::directory::testing_hsds {

inline std::filesystem::path Folder() { return ponte::testing::SharedDir() / "hsds-3.0"; }

inline std::filesystem::path Schema(std::string_view kind) {
    return Folder() / "schema" / (std::string(kind) + ".json");
}

// Every way `document` breaks the official schema of `kind`; empty when valid.
inline std::vector<std::string> Errors(std::string_view kind, const boost::json::value& document) {
    return ponte::testing::SchemaErrors(Schema(kind), document);
}

inline boost::json::value OfficialExample(std::string_view name) {
    return ponte::testing::ReadJsonFile(Folder() / "examples" / name);
}

// The official examples place their locations at latitude 100 and longitude 101, which is not on
// Earth: the import refuses that (model_test.cpp, OfficialExamples_AreRefusedOnlyForTheirCoordinates),
// so tests read them with a place in Turin instead and nothing else changed.
inline void PutOnEarth(boost::json::value& value) {
    if (auto* object = value.if_object()) {
        if (object->contains("latitude") && object->at("latitude") == 100) (*object)["latitude"] = 45.0703;
        if (object->contains("longitude") && object->at("longitude") == 101) (*object)["longitude"] = 7.6869;
        for (auto& [key, child] : *object) PutOnEarth(child);
    } else if (auto* array = value.if_array()) {
        for (auto& child : *array) PutOnEarth(child);
    }
}

inline boost::json::value Example(std::string_view name) {
    boost::json::value example = OfficialExample(name);
    PutOnEarth(example);
    return example;
}

}  // namespace ponte::directory::testing_hsds

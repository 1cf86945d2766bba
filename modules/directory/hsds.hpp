// The objects of Open Referral HSDS 3.0 (https://docs.openreferral.org/en/v3.0/hsds/), as the
// directory reads and writes them: for each kind its fields (type, whether required, the values an
// enumeration allows, bounds) and the objects it holds. One description drives the JSON Schema
// an import is checked with, the export's clean-up of Ponte's own fields and, for the tabular data
// package, the columns of each table. hsds_test.cpp holds it against the official schemas.
//
// Ponte's own fields beyond HSDS are named "ponte_..." (a location's `ponte_confidential`): an
// import may carry them, an export leaves them out.
#pragma once

#include <boost/json.hpp>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ponte::directory {

// kDate and kTime are strings in the JSON schemas and dates and times in the table schemas of
// the tabular data package: "2026-03-01", "09:00" or "09:00:00".
enum class FieldType { kString, kNumber, kBoolean, kUuid, kUri, kEmail, kDateTime, kDate, kTime };

struct Field {
    std::string name;
    FieldType type = FieldType::kString;
    bool required = false;
    std::vector<std::string> values;  // an enumeration's values; empty: any
    // Bounds of a number (a latitude's -90 to 90), when `bounded`.
    bool bounded = false;
    double minimum = 0;
    double maximum = 0;
    bool ponte = false;  // Ponte's own field, left out of exports
};

struct Child {
    std::string name;
    std::string kind;
    bool many = true;  // an array of them; false: one object
};

struct Kind {
    std::string name;  // "service", as the schema file's name
    std::vector<Field> fields;
    std::vector<Child> children;

    const Field* FindField(std::string_view field) const;
    const Child* FindChild(std::string_view child) const;
};

// Every kind, in the order of the HSDS reference.
std::span<const Kind> Kinds();

// The kind named `name`; throws std::out_of_range for an unknown one (a bug of the caller).
const Kind& KindNamed(std::string_view name);

// The JSON Schema (draft 7) of an object of `kind` with everything it holds, every object closed
// to unknown properties and every string bounded; the kinds it reaches are under "definitions".
boost::json::object KindSchema(std::string_view kind);

// `object` of `kind` without Ponte's own fields, at every depth: what an export shows.
boost::json::object WithoutPonteFields(std::string_view kind, boost::json::object object);

}  // namespace ponte::directory

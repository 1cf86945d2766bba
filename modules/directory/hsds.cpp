#include "modules/directory/hsds.hpp"

#include <algorithm>
#include <map>
#include <sstream>
#include <stdexcept>

namespace ponte::directory {
namespace {

// Each kind as a line of words: a field is `name[!][:type][=a|b|c][(min,max)]`, `!` when
// required, the type string unless said (number, boolean, uuid, uri, email, datetime, date, time); an object
// it holds is `name>kind`, an array of them `name[]>kind`. A name starting "ponte_" is Ponte's own.
// An organization's services and a service at a location's service are not in the schemas of
// those kinds, but in the fully nested objects the HSDS API answers (its "compiled" schemas) and
// the official examples: an import takes them.
struct KindText {
    std::string_view name;
    std::string_view words;
};

constexpr KindText kKindTexts[] = {
    {"accessibility",
     "id!:uuid location_id:uuid description details url:uri attributes[]>attribute metadata[]>metadata"},
    {"address",
     "id!:uuid location_id:uuid attention address_1! address_2 city! region state_province! postal_code! country! "
     "address_type!=physical|postal|virtual attributes[]>attribute metadata[]>metadata"},
    {"attribute",
     "id!:uuid link_id:uuid taxonomy_term_id:uuid link_type link_entity value taxonomy_term>taxonomy_term "
     "metadata[]>metadata"},
    {"contact",
     "id!:uuid organization_id:uuid service_id:uuid service_at_location_id:uuid location_id:uuid name title "
     "department email:email phones[]>phone attributes[]>attribute metadata[]>metadata"},
    {"cost_option",
     "id!:uuid service_id:uuid valid_from:date valid_to:date option currency amount:number amount_description "
     "attributes[]>attribute metadata[]>metadata"},
    {"funding", "id!:uuid organization_id:uuid service_id:uuid source attributes[]>attribute metadata[]>metadata"},
    {"language",
     "id!:uuid service_id:uuid location_id:uuid phone_id:uuid name code note attributes[]>attribute "
     "metadata[]>metadata"},
    {"location",
     "id!:uuid location_type!=physical|postal|virtual url:uri organization_id:uuid name alternate_name description "
     "transportation latitude:number(-90,90) longitude:number(-180,180) external_identifier "
     "external_identifier_type languages[]>language addresses[]>address contacts[]>contact "
     "accessibility[]>accessibility phones[]>phone schedules[]>schedule attributes[]>attribute metadata[]>metadata "
     "ponte_confidential:boolean ponte_time_zone"},
    {"meta_table_description", "id!:uuid name language character_set attributes[]>attribute metadata[]>metadata"},
    {"metadata",
     "id!:uuid resource_id:uuid resource_type last_action_date!:date last_action_type! field_name! previous_value! "
     "replacement_value! updated_by!"},
    {"organization",
     "id!:uuid name! alternate_name description! email:email website:uri tax_status tax_id year_incorporated:number "
     "legal_status logo uri:uri parent_organization_id:uuid funding[]>funding contacts[]>contact phones[]>phone "
     "locations[]>location programs[]>program organization_identifiers[]>organization_identifier "
     "attributes[]>attribute metadata[]>metadata services[]>service"},
    {"organization_identifier",
     "id!:uuid organization_id:uuid identifier_scheme identifier_type! identifier! attributes[]>attribute "
     "metadata[]>metadata"},
    {"phone",
     "id!:uuid location_id:uuid service_id:uuid organization_id:uuid contact_id:uuid service_at_location_id:uuid "
     "number! extension:number type description languages[]>language attributes[]>attribute metadata[]>metadata"},
    {"program",
     "id!:uuid organization_id:uuid name! alternate_name description! attributes[]>attribute metadata[]>metadata"},
    {"required_document", "id!:uuid service_id:uuid document uri:uri attributes[]>attribute metadata[]>metadata"},
    {"schedule",
     "id!:uuid service_id:uuid location_id:uuid service_at_location_id:uuid valid_from:date valid_to:date "
     "dtstart:date timezone:number(-12,14) until:date count:number wkst=MO|TU|WE|TH|FR|SA|SU freq=WEEKLY|MONTHLY "
     "interval:number "
     "byday byweekno bymonthday byyearday description opens_at:time closes_at:time schedule_link:uri attending_type "
     "notes "
     "attributes[]>attribute metadata[]>metadata"},
    {"service",
     "id!:uuid organization_id:uuid program_id:uuid name! alternate_name description url:uri email:email "
     "status!=active|inactive|defunct|temporarily_closed interpretation_services application_process "
     "fees_description wait_time fees accreditations eligibility_description minimum_age:number "
     "maximum_age:number assured_date:date assurer_email:email licenses alert last_modified:datetime phones[]>phone "
     "schedules[]>schedule service_areas[]>service_area service_at_locations[]>service_at_location "
     "languages[]>language organization>organization funding[]>funding cost_options[]>cost_option "
     "program>program required_documents[]>required_document contacts[]>contact attributes[]>attribute "
     "metadata[]>metadata"},
    {"service_area",
     "id!:uuid service_id:uuid name description extent extent_type uri attributes[]>attribute metadata[]>metadata"},
    {"service_at_location",
     "id!:uuid service_id:uuid location_id:uuid description contacts[]>contact phones[]>phone schedules[]>schedule "
     "location>location service>service attributes[]>attribute metadata[]>metadata"},
    {"taxonomy", "id!:uuid name! description! uri:uri version metadata[]>metadata"},
    {"taxonomy_term",
     "id!:uuid code name! description! parent_id:uuid taxonomy taxonomy_detail>taxonomy language "
     "taxonomy_id:uuid term_uri:uri metadata[]>metadata"},
};

const std::map<std::string_view, FieldType> kTypes = {
    {"number", FieldType::kNumber}, {"boolean", FieldType::kBoolean}, {"uuid", FieldType::kUuid},
    {"uri", FieldType::kUri},       {"email", FieldType::kEmail},     {"datetime", FieldType::kDateTime},
    {"date", FieldType::kDate},     {"time", FieldType::kTime}};

std::vector<std::string> Split(std::string_view text, char separator) {
    std::vector<std::string> parts;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find(separator, start), text.size());
        parts.emplace_back(text.substr(start, end - start));
        start = end + 1;
    }
    return parts;
}

Field ParseField(std::string_view word) {
    Field field;
    if (const auto open = word.find('('); open != std::string_view::npos) {
        const std::vector<std::string> bounds = Split(word.substr(open + 1, word.size() - open - 2), ',');
        field.bounded = true;
        field.minimum = std::stod(bounds.at(0));
        field.maximum = std::stod(bounds.at(1));
        word = word.substr(0, open);
    }
    if (const auto equals = word.find('='); equals != std::string_view::npos) {
        for (std::string value : Split(word.substr(equals + 1), '|')) {
            for (char& c : value) c = c == '_' ? ' ' : c;  // "temporarily closed"
            field.values.push_back(std::move(value));
        }
        word = word.substr(0, equals);
    }
    if (const auto colon = word.find(':'); colon != std::string_view::npos) {
        field.type = kTypes.at(word.substr(colon + 1));
        word = word.substr(0, colon);
    }
    if (word.ends_with('!')) {
        field.required = true;
        word.remove_suffix(1);
    }
    field.name = std::string(word);
    field.ponte = word.starts_with("ponte_");
    return field;
}

Kind ParseKind(const KindText& text) {
    Kind kind{.name = std::string(text.name)};
    std::istringstream words{std::string(text.words)};
    std::string word;
    while (words >> word) {
        if (const auto arrow = word.find('>'); arrow != std::string::npos) {
            const bool many = word.compare(arrow - 2, 2, "[]") == 0;
            kind.children.push_back(
                {.name = word.substr(0, many ? arrow - 2 : arrow), .kind = word.substr(arrow + 1), .many = many});
        } else {
            kind.fields.push_back(ParseField(word));
        }
    }
    return kind;
}

const std::vector<Kind>& AllKinds() {
    static const std::vector<Kind> kinds = [] {
        std::vector<Kind> parsed;
        for (const KindText& text : kKindTexts) parsed.push_back(ParseKind(text));
        return parsed;
    }();
    return kinds;
}

// How long a string may be: ids and codes are short, descriptions are free text.
constexpr std::int64_t kMaxText = 20000;

constexpr std::string_view kUuidPattern =
    "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$";

boost::json::object FieldSchema(const Field& field) {
    boost::json::object schema;
    switch (field.type) {
        case FieldType::kNumber:
            schema["type"] = "number";
            if (field.bounded) {
                schema["minimum"] = field.minimum;
                schema["maximum"] = field.maximum;
            }
            return schema;
        case FieldType::kBoolean:
            schema["type"] = "boolean";
            return schema;
        case FieldType::kUuid:
            schema["type"] = "string";
            schema["pattern"] = kUuidPattern;
            return schema;
        case FieldType::kDateTime:
            schema["type"] = "string";
            schema["format"] = "date-time";
            break;
        case FieldType::kDate:
            schema["type"] = "string";
            schema["pattern"] = "^[0-9]{4}-[0-1][0-9]-[0-3][0-9]$";
            return schema;
        case FieldType::kTime:
            schema["type"] = "string";
            schema["pattern"] = "^[0-2][0-9]:[0-5][0-9](:[0-5][0-9])?$";
            return schema;
        default:
            schema["type"] = "string";
    }
    schema["maxLength"] = kMaxText;
    if (!field.values.empty()) {
        boost::json::array values;
        for (const std::string& value : field.values) values.emplace_back(value);
        schema["enum"] = std::move(values);
    }
    return schema;
}

boost::json::object ObjectSchema(const Kind& kind) {
    boost::json::object properties;
    boost::json::array required;
    for (const Field& field : kind.fields) {
        properties[field.name] = FieldSchema(field);
        if (field.required) required.emplace_back(field.name);
    }
    for (const Child& child : kind.children) {
        boost::json::object reference{{"$ref", "#/definitions/" + child.kind}};
        if (child.many) {
            properties[child.name] = {{"type", "array"}, {"maxItems", 1000}, {"items", std::move(reference)}};
        } else {
            properties[child.name] = std::move(reference);
        }
    }
    boost::json::object schema{{"type", "object"}, {"additionalProperties", false}, {"properties", properties}};
    if (!required.empty()) schema["required"] = std::move(required);
    return schema;
}

void AddDefinitions(const Kind& kind, boost::json::object& definitions) {
    if (definitions.contains(kind.name)) return;
    definitions[kind.name] = ObjectSchema(kind);
    for (const Child& child : kind.children) AddDefinitions(KindNamed(child.kind), definitions);
}

}  // namespace

const Field* Kind::FindField(std::string_view field) const {
    for (const Field& candidate : fields) {
        if (candidate.name == field) return &candidate;
    }
    return nullptr;
}

const Child* Kind::FindChild(std::string_view child) const {
    for (const Child& candidate : children) {
        if (candidate.name == child) return &candidate;
    }
    return nullptr;
}

std::span<const Kind> Kinds() { return AllKinds(); }

const Kind& KindNamed(std::string_view name) {
    for (const Kind& kind : AllKinds()) {
        if (kind.name == name) return kind;
    }
    throw std::out_of_range("no HSDS kind " + std::string(name));
}

boost::json::object KindSchema(std::string_view kind) {
    boost::json::object definitions;
    AddDefinitions(KindNamed(kind), definitions);
    return {{"$ref", "#/definitions/" + std::string(kind)}, {"definitions", std::move(definitions)}};
}

boost::json::object WithoutPonteFields(std::string_view kind_name, boost::json::object object) {
    const Kind& kind = KindNamed(kind_name);
    for (auto* it = object.begin(); it != object.end();) {
        const Field* field = kind.FindField(it->key());
        if (field != nullptr && field->ponte) {
            it = object.erase(it);
            continue;
        }
        if (const Child* child = kind.FindChild(it->key())) {
            if (auto* many = it->value().if_array()) {
                for (auto& item : *many) {
                    if (item.is_object()) item = WithoutPonteFields(child->kind, std::move(item.as_object()));
                }
            } else if (auto* one = it->value().if_object()) {
                it->value() = WithoutPonteFields(child->kind, std::move(*one));
            }
        }
        ++it;
    }
    return object;
}

}  // namespace ponte::directory

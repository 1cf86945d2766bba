#include "core/http/body_schema.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <string_view>
#include <valijson/adapters/boost_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

namespace ponte::http {
namespace {

// valijson names a value by the path of "[key]" and "[index]" steps under "<root>".
std::string FieldName(const std::vector<std::string>& context) {
    std::string name;
    for (const std::string& step : context) {
        if (step.size() < 2 || step.front() != '[' || step.back() != ']') continue;  // "<root>"
        if (!name.empty()) name += '.';
        name.append(step, 1, step.size() - 2);
    }
    return name;
}

const boost::json::value* ValueAt(const boost::json::value& body, const std::vector<std::string>& context) {
    const boost::json::value* value = &body;
    for (const std::string& step : context) {
        if (step.size() < 2 || step.front() != '[' || step.back() != ']') continue;
        const std::string key = step.substr(1, step.size() - 2);
        if (const auto* object = value->if_object()) {
            value = object->if_contains(key);
        } else if (const auto* array = value->if_array()) {
            const std::size_t index = std::stoul(key);
            value = index < array->size() ? &(*array)[index] : nullptr;
        } else {
            value = nullptr;
        }
        if (value == nullptr) return nullptr;
    }
    return value;
}

// The schema of the object that holds the value at `context` (all steps but the last), or null.
const boost::json::object* ParentSchema(const boost::json::value& schema, const std::vector<std::string>& context) {
    const boost::json::object* node = schema.if_object();
    std::vector<std::string> keys;
    for (const std::string& step : context) {
        if (step.size() >= 2 && step.front() == '[' && step.back() == ']')
            keys.push_back(step.substr(1, step.size() - 2));
    }
    for (std::size_t i = 0; node != nullptr && i + 1 < keys.size(); ++i) {
        const auto* properties = node->if_contains("properties");
        const auto* child =
            properties && properties->is_object() ? properties->as_object().if_contains(keys[i]) : nullptr;
        node = child ? child->if_object() : nullptr;
    }
    return keys.empty() ? nullptr : node;
}

bool IsRequired(const boost::json::value& schema, const std::vector<std::string>& context) {
    const boost::json::object* parent = ParentSchema(schema, context);
    const auto* required = parent ? parent->if_contains("required") : nullptr;
    if (required == nullptr || !required->is_array()) return false;
    const std::string& step = context.back();
    const std::string name = step.substr(1, step.size() - 2);
    return std::ranges::any_of(required->as_array(), [&](const boost::json::value& entry) {
        return entry.is_string() && entry.as_string() == name;
    });
}

// Where `field`'s first step comes in the schema's properties, for answering errors in the
// order of the form; unknown fields after all.
std::size_t Position(const boost::json::value& schema, std::string_view field) {
    const std::string_view first = field.substr(0, field.find('.'));
    const auto* properties = schema.is_object() ? schema.as_object().if_contains("properties") : nullptr;
    if (properties == nullptr || !properties->is_object()) return 0;
    std::size_t index = 0;
    for (const auto& [key, value] : properties->as_object()) {
        if (key == first) return index;
        ++index;
    }
    return index;
}

// The quoted name at the end of valijson's "... 'name'." descriptions.
std::string QuotedName(std::string_view description) {
    const auto last = description.rfind('\'');
    if (last == std::string_view::npos || last == 0) return "";
    const auto first = description.rfind('\'', last - 1);
    if (first == std::string_view::npos) return "";
    return std::string(description.substr(first + 1, last - first - 1));
}

std::string Join(std::string parent, const std::string& child) { return parent.empty() ? child : parent + "." + child; }

// The field and code of one of valijson's errors; an empty code for the summaries it adds on
// every enclosing level ("Failed to validate against schema associated with property ...").
core::FieldError Translate(const valijson::ValidationResults::Error& error, const boost::json::value& schema,
                           const boost::json::value& body) {
    const std::string_view text = error.description;
    const std::string field = FieldName(error.context);
    auto starts = [&](std::string_view prefix) { return text.starts_with(prefix); };
    if (starts("Missing required property")) return {Join(field, QuotedName(text)), "required"};
    if (starts("Object contains a property that could not be validated")) {
        return {Join(field, QuotedName(text)), "unknown"};
    }
    if (starts("Failed to validate against schema associated with property") || starts("Failed to validate item #") ||
        starts("Failed to validate against additional properties")) {
        return {field, ""};
    }
    if (starts("Value type not permitted")) {
        // An integer beyond the 64-bit range reads as another type; say what is wrong with it.
        const boost::json::value* value = ValueAt(body, error.context);
        return {field, value != nullptr && value->is_uint64() ? "too_large" : "type"};
    }
    if (starts("String should be no more than")) return {field, "too_long"};
    if (starts("String should be no fewer than")) {
        const boost::json::value* value = ValueAt(body, error.context);
        const bool empty = value != nullptr && value->is_string() && value->get_string().empty();
        return {field, empty && IsRequired(schema, error.context) ? "required" : "too_short"};
    }
    if (starts("Array should contain no fewer than")) return {field, "too_short"};
    if (starts("Array should contain no more than")) return {field, "too_long"};
    if (starts("Expected number greater than")) return {field, "too_small"};
    if (starts("Expected number less than")) return {field, "too_large"};
    if (starts("Failed to match against any enum values") || starts("Failed to match regex") ||
        starts("Failed to match expected value")) {
        return {field, "format"};
    }
    return {field, "invalid"};
}

}  // namespace

struct BodySchema::Compiled {
    boost::json::value source;
    valijson::Schema schema;
};

BodySchema::BodySchema(const boost::json::value& schema) : compiled_(std::make_unique<Compiled>()) {
    compiled_->source = schema;
    try {
        valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
        valijson::adapters::BoostJsonAdapter adapter(schema);
        parser.populateSchema(adapter, compiled_->schema);
    } catch (const std::exception& error) {
        throw std::invalid_argument(std::string("unreadable request schema: ") + error.what());
    }
}

BodySchema::~BodySchema() = default;

std::vector<core::FieldError> BodySchema::Check(const boost::json::value& body) const {
    valijson::Validator validator(valijson::Validator::kStrongTypes);
    valijson::ValidationResults results;
    valijson::adapters::BoostJsonAdapter adapter(body);
    if (validator.validate(compiled_->schema, adapter, &results)) return {};
    std::vector<core::FieldError> errors;
    valijson::ValidationResults::Error error;
    while (results.popError(error)) {
        core::FieldError translated = Translate(error, compiled_->source, body);
        if (translated.code.empty()) continue;
        bool seen = false;
        for (const auto& earlier : errors) seen = seen || earlier.field == translated.field;
        if (!seen) errors.push_back(std::move(translated));  // one code per field: the first found
    }
    std::stable_sort(errors.begin(), errors.end(), [&](const core::FieldError& a, const core::FieldError& b) {
        return Position(compiled_->source, a.field) < Position(compiled_->source, b.field);
    });
    return errors;
}

}  // namespace ponte::http

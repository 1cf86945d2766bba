#include "modules/cases/profile/handlers.hpp"

#include <boost/json.hpp>

#include "core/feature.hpp"
#include "core/http/json_body.hpp"
#include "core/http/openapi.hpp"
#include "core/version.hpp"
#include "modules/cases/paths.hpp"
#include "modules/cases/policy.hpp"
#include "modules/cases/profile/actions.hpp"
#include "modules/cases/profile/model.hpp"

namespace ponte::cases {
namespace {

using core::Failure;
using http::Reply;
using http::Request;
using http::Response;

// The part as the API shows it: its fields (a part never written reads as the empty one, and
// safe-contact rules never recorded as "nobody contacts her"), whether it was recorded, its ETag.
Response PartAnswer(Part part, const StoredPart& stored) {
    boost::json::object body;
    if (stored.content) {
        body = *stored.content;
    } else if (part == Part::kProfile) {
        body = ToJson(Profile{});
    } else if (part == Part::kSafeContact) {
        body = ToJson(SafeContact{.channel = "none"});
    } else {
        body = ToJson(Sensitive{.violence = "not_asked", .legal_status = "not_asked"});
    }
    body["recorded"] = stored.content.has_value();
    body["etag"] = core::ETag(stored.version);
    Response response = Response::Json(200, boost::json::serialize(body));
    core::SetETag(response, stored.version);
    return response;
}

// Reads the part of the case the path names, as `action` allows.
Reply GetPart(const Module& module, const Request& request, std::string_view action, Part part) {
    audit::Entry entry = core::AuditEntry(request, "", "");
    auto reached = ReachPathCase(module, request, entry, action);
    if (!reached) return std::move(reached.failure());
    return PartAnswer(part, ReadProfilePart(module, entry, *reached, part));
}

// Decodes the body of a part (kInvalidFields naming what is wrong): its JSON form.
using Decoder = core::Outcome<boost::json::object> (*)(const Request& request);

core::Outcome<boost::json::object> DecodeProfile(const Request& request) {
    http::JsonFields fields(request);
    if (auto failure = fields.Finish()) return *failure;
    const Profile profile = ProfileFrom(request.json);
    if (auto refused = RefusedProfile(profile)) return Failure::Invalid(refused->field, refused->code);
    return ToJson(profile);
}

core::Outcome<boost::json::object> DecodeSafeContact(const Request& request) {
    http::JsonFields fields(request);
    SafeContact rules;
    rules.channel = fields.String("channel").value_or("");
    rules.phone = fields.String("phone").value_or("");
    rules.email = fields.String("email").value_or("");
    rules.from = fields.String("from").value_or("");
    rules.to = fields.String("to").value_or("");
    rules.leave_message = fields.Bool("leave_message").value_or(false);
    rules.name_sender = fields.Bool("name_sender").value_or(false);
    rules.code_word = fields.String("code_word").value_or("");
    if (auto failure = fields.Finish()) return *failure;
    if (const auto* days = request.json.if_contains("days")) {
        for (const auto& day : days->as_array()) rules.days.push_back(static_cast<int>(day.as_int64()));
    }
    if (auto refused = RefusedSafeContact(rules)) return Failure::Invalid(refused->field, refused->code);
    return ToJson(rules);
}

core::Outcome<boost::json::object> DecodeSensitive(const Request& request) {
    http::JsonFields fields(request);
    Sensitive sensitive;
    sensitive.violence = fields.String("violence").value_or("");
    sensitive.violence_note = fields.String("violence_note").value_or("");
    sensitive.health_note = fields.String("health_note").value_or("");
    sensitive.legal_status = fields.String("legal_status").value_or("");
    sensitive.legal_note = fields.String("legal_note").value_or("");
    if (auto failure = fields.Finish()) return *failure;
    return ToJson(sensitive);
}

// Replaces the part of the case the path names, as `action` allows, at the version If-Match says.
Reply PutPart(const Module& module, const Request& request, std::string_view action, Part part, Decoder decode) {
    audit::Entry entry = core::AuditEntry(request, "", "");
    auto reached = ReachPathCase(module, request, entry, action);
    if (!reached) return std::move(reached.failure());
    auto expected = core::ExpectedVersion(request);
    if (!expected) return std::move(expected.failure());
    auto content = decode(request);
    if (!content) return std::move(content.failure());
    auto written = WriteProfilePart(module, *request.principal, entry, *reached, part, *expected, *content);
    if (!written) return std::move(written.failure());
    return PartAnswer(part, *written);
}

template <Part part>
Reply GetPartRoute(const Module& module, const Request& request) {
    return GetPart(module, request, part == Part::kSensitive ? kSensitiveReadAction : kReadAction, part);
}

template <Part part>
Reply PutPartRoute(const Module& module, const Request& request) {
    constexpr Decoder decode = part == Part::kProfile       ? &DecodeProfile
                               : part == Part::kSafeContact ? &DecodeSafeContact
                                                            : &DecodeSensitive;
    return PutPart(module, request, part == Part::kSensitive ? kSensitiveWriteAction : kProfileWriteAction, part,
                   decode);
}

constexpr std::string_view kProfileSchema = R"({"type":"object","additionalProperties":false,
    "required":["languages","children"],"properties":{
    "languages":{"type":"array","maxItems":20,"items":{"type":"object","additionalProperties":false,
      "required":["language","level"],"properties":{
        "language":{"type":"string","pattern":"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$","maxLength":35,
          "description":"A BCP 47 language tag"},
        "level":{"enum":["none","basic","intermediate","fluent","native"]}}}},
    "children":{"type":"array","maxItems":20,"items":{"type":"object","additionalProperties":false,
      "required":["age","school"],"properties":{"age":{"type":"integer","minimum":0,"maximum":30},
        "school":{"enum":["none","nursery","primary","secondary","vocational","other"]},
        "special_needs":{"type":"boolean"}}}}}})";

constexpr std::string_view kSafeContactSchema = R"({"type":"object","additionalProperties":false,
    "required":["channel"],"properties":{
    "channel":{"enum":["phone_call","sms","email","in_person","none"],
      "description":"How she may be reached; none: nobody contacts her"},
    "phone":{"type":"string","pattern":"^\\+?[0-9][0-9 ().-]{3,29}$","maxLength":30},
    "email":{"type":"string","pattern":"^[^@\\s]+@[^@\\s]+$","maxLength":200},
    "days":{"type":"array","uniqueItems":true,"maxItems":7,"items":{"type":"integer","minimum":1,"maximum":7},
      "description":"ISO weekdays (1 Monday ... 7 Sunday) on which she may be reached; empty: any"},
    "from":{"type":"string","pattern":"^([01][0-9]|2[0-3]):[0-5][0-9]$","maxLength":5},
    "to":{"type":"string","pattern":"^([01][0-9]|2[0-3]):[0-5][0-9]$","maxLength":5},
    "leave_message":{"type":"boolean","description":"A message may be left where others may see or hear it"},
    "name_sender":{"type":"boolean","description":"A message may name the organization"},
    "code_word":{"type":"string","maxLength":40}}})";

constexpr std::string_view kSensitiveSchema = R"({"type":"object","additionalProperties":false,
    "required":["violence","legal_status"],"properties":{
    "violence":{"enum":["not_asked","none","past","ongoing"]},
    "violence_note":{"type":"string","maxLength":4000},
    "health_note":{"type":"string","maxLength":4000},
    "legal_status":{"enum":["not_asked","eu_citizen","residence_permit","asylum_seeker",
      "international_protection","undocumented","other"]},
    "legal_note":{"type":"string","maxLength":4000}}})";

// The answer's schema: the request's, with whether it was recorded and the ETag.
std::string AnswerSchema(std::string_view request_schema) {
    auto schema = boost::json::parse(request_schema).as_object();
    schema.erase("additionalProperties");
    auto& properties = schema["properties"].as_object();
    properties["recorded"] = {{"type", "boolean"}};
    properties["etag"] = {{"type", "string"}};
    auto& required = schema["required"].as_array();
    required.emplace_back("recorded");
    required.emplace_back("etag");
    return boost::json::serialize(schema);
}

struct PartRoutes {
    Part part;
    std::string_view path;
    std::string_view noun;  // in operation ids
    std::string_view read_summary;
    std::string_view write_summary;
    std::string_view schema;
};

}  // namespace

void AddProfileRoutes(core::Registry& registry, std::shared_ptr<const Module> module) {
    const PartRoutes parts[] = {
        {Part::kProfile, "/api/v1/cases/{case_id}/profile", "CaseProfile",
         "Her profile: the languages she speaks and how well, her children (age, school, special needs)",
         "Replace her profile; If-Match: its ETag (\"1\" before it is first recorded)", kProfileSchema},
        {Part::kSafeContact, "/api/v1/cases/{case_id}/safe-contact", "SafeContact",
         "Her safe-contact rules: by which channel, on which days and hours she may be reached, whether a "
         "message may be left or name the organization, her code word; until they are recorded nobody contacts her",
         "Replace her safe-contact rules; If-Match: their ETag (\"1\" before they are first recorded)",
         kSafeContactSchema},
        {Part::kSensitive, "/api/v1/cases/{case_id}/sensitive", "SensitiveAttributes",
         "What only the workers of her team read: violence, health, legal status",
         "Replace her sensitive attributes; If-Match: their ETag (\"1\" before they are first recorded)",
         kSensitiveSchema},
    };
    for (const auto& part : parts) {
        const bool sensitive = part.part == Part::kSensitive;
        registry.AddRoute({.method = http::Method::kGet,
                           .path = std::string(part.path),
                           .policy_action = std::string(sensitive ? kSensitiveReadAction : kReadAction),
                           .id = "get" + std::string(part.noun),
                           .summary = std::string(part.read_summary),
                           .tag = "cases",
                           .response = http::Schema(AnswerSchema(part.schema)),
                           .errors = {401, 403, 404},
                           .handler = part.part == Part::kProfile ? core::Bind(module, &GetPartRoute<Part::kProfile>)
                                      : part.part == Part::kSafeContact
                                          ? core::Bind(module, &GetPartRoute<Part::kSafeContact>)
                                          : core::Bind(module, &GetPartRoute<Part::kSensitive>)});
        registry.AddRoute({.method = http::Method::kPut,
                           .path = std::string(part.path),
                           .policy_action = std::string(sensitive ? kSensitiveWriteAction : kProfileWriteAction),
                           .id = "put" + std::string(part.noun),
                           .summary = std::string(part.write_summary),
                           .tag = "cases",
                           .parameters = core::IfMatchParameter(),
                           .request = http::Schema(part.schema),
                           .response = http::Schema(AnswerSchema(part.schema)),
                           .errors = {401, 403, 404, 412, 422, 428},
                           .handler = part.part == Part::kProfile ? core::Bind(module, &PutPartRoute<Part::kProfile>)
                                      : part.part == Part::kSafeContact
                                          ? core::Bind(module, &PutPartRoute<Part::kSafeContact>)
                                          : core::Bind(module, &PutPartRoute<Part::kSensitive>)});
    }
}

}  // namespace ponte::cases

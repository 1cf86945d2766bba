#include "modules/consents/handlers.hpp"

#include <boost/json.hpp>

#include "core/feature.hpp"
#include "core/http/json_body.hpp"
#include "core/http/openapi.hpp"
#include "core/i18n/catalogue.hpp"

namespace ponte::consents {
namespace {

using http::Reply;
using http::Request;
using http::Response;

Reply ListConsents(const Module& module, const Request& request) {
    audit::Entry entry = core::AuditEntry(request, "", "");
    auto person = ReachPerson(module, *request.principal, entry, kReadAction,
                              core::ParseId(request.Param("user_id")).value_or(0));
    if (!person) return std::move(person.failure());
    const Consents consents = ReadConsents(module, entry, *person);
    const auto& catalogue = i18n::Catalogue::Instance();
    boost::json::array purposes;
    for (const PurposeState& state : consents.purposes) {
        purposes.push_back({{"purpose", state.purpose},
                            {"description", catalogue.Translate(request.locale, state.description_key)},
                            {"given", state.given ? boost::json::value(*state.given) : boost::json::value(nullptr)}});
    }
    boost::json::array history;
    for (const Decision& decision : consents.history) history.push_back(ToJson(decision));
    return Response::Json(200, boost::json::serialize(boost::json::object{{"purposes", std::move(purposes)},
                                                                          {"history", std::move(history)}}));
}

Reply PostConsent(const Module& module, const Request& request) {
    audit::Entry entry = core::AuditEntry(request, "", "");
    auto person = ReachPerson(module, *request.principal, entry, kRecordAction,
                              core::ParseId(request.Param("user_id")).value_or(0));
    if (!person) return std::move(person.failure());
    http::JsonFields fields(request);
    auto purpose = fields.String("purpose");
    auto given = fields.Bool("given");
    auto method = fields.String("method");
    if (auto failure = fields.Finish()) return *failure;
    auto recorded = RecordDecision(module, *request.principal, entry, *person,
                                   {.purpose = *purpose, .given = *given, .method = method});
    if (!recorded) return std::move(recorded.failure());
    return Response::Json(
        201, boost::json::serialize(boost::json::object{
                 {"purpose", recorded->purpose}, {"given", recorded->given}, {"method", recorded->method}}));
}

constexpr std::string_view kDecisionSchema = R"({"type":"object","required":["purpose","given","method","recorded_at",
    "recorded_by"],"properties":{"purpose":{"type":"string"},"given":{"type":"boolean"},
    "method":{"type":"string","enum":["online","paper","verbal"]},"recorded_at":{"type":"integer"},
    "recorded_by":{"type":["integer","null"]}}})";

}  // namespace

void AddRoutes(core::Registry& registry, std::shared_ptr<const Module> module) {
    registry.AddRoute({.method = http::Method::kGet,
                       .path = "/api/v1/users/{user_id}/consents",
                       .policy_action = std::string(kReadAction),
                       .id = "listConsents",
                       .summary = "A person's consent for each declared purpose, and the history of her decisions",
                       .tag = "consents",
                       .response = http::Schema(R"({"type":"object","required":["purposes","history"],"properties":{
                           "purposes":{"type":"array","items":{"type":"object","required":["purpose","description",
                             "given"],"properties":{"purpose":{"type":"string"},"description":{"type":"string"},
                             "given":{"type":["boolean","null"]}}}},
                           "history":{"type":"array","items":)" +
                                                std::string(kDecisionSchema) + "}}}"),
                       .errors = {401, 403, 404},
                       .handler = core::Bind(module, &ListConsents)});
    registry.AddRoute(
        {.method = http::Method::kPost,
         .path = "/api/v1/users/{user_id}/consents",
         .policy_action = std::string(kRecordAction),
         .id = "recordConsent",
         .summary = "Record that a person gives or withdraws consent for a purpose (staff record paper or verbal "
                    "decisions)",
         .tag = "consents",
         .request = http::Schema(R"({"type":"object","additionalProperties":false,"required":["purpose","given"],
              "properties":{"purpose":{"type":"string","minLength":1,"maxLength":100},"given":{"type":"boolean"},
                "method":{"type":"string","enum":["online","paper","verbal"]}}})"),
         .response = http::Schema(R"({"type":"object","required":["purpose","given","method"],"properties":{
              "purpose":{"type":"string"},"given":{"type":"boolean"},
              "method":{"type":"string","enum":["online","paper","verbal"]}}})"),
         .status = 201,
         .errors = {401, 403, 404, 422},
         .handler = core::Bind(module, &PostConsent)});
}

}  // namespace ponte::consents

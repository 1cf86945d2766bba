#include "modules/cases/referrals/handlers.hpp"

#include <boost/json.hpp>
#include <boost/url/parse_query.hpp>

#include "core/feature.hpp"
#include "core/http/json_body.hpp"
#include "core/http/openapi.hpp"
#include "modules/cases/paths.hpp"
#include "modules/cases/policy.hpp"
#include "modules/cases/referrals/actions.hpp"

namespace ponte::cases {
namespace {

using core::Failure;
using http::Reply;
using http::Request;
using http::Response;

boost::json::value Person(std::int64_t user_id, const std::string& name) {
    if (user_id == 0) return nullptr;
    return boost::json::object{{"user_id", user_id}, {"display_name", name}};
}

boost::json::value Organization(std::int64_t id, const std::string& name) {
    if (id == 0) return nullptr;
    return boost::json::object{{"id", id}, {"name", name}};
}

Response ReferralAnswer(int status, const Referral& referral, bool receiving) {
    return Response::Json(status, boost::json::serialize(ReferralJson(referral, receiving)));
}

Reply PostReferral(const Module& module, const Request& request) {
    audit::Entry entry = core::AuditEntry(request, "", "");
    auto organization = ReachPathOrganization(module, request, entry, kReferralSendAction);
    if (!organization) return std::move(organization.failure());
    http::JsonFields fields(request);
    ReferralRequest asked;
    auto to = fields.Int("to_organization_id");
    auto name = fields.String("chosen_name", http::Text::kName);
    auto reason = fields.String("reason");
    auto urgency = fields.String("urgency");
    fields.Bool("consent_given");  // the schema allows only true: no referral without her consent
    auto method = fields.String("consent_method");
    auto consent_at = fields.Int("consent_at");
    auto referrer_name = fields.String("referrer_name", http::Text::kName);
    auto referrer_organization = fields.String("referrer_organization");
    auto referrer_contact = fields.String("referrer_contact");
    if (auto failure = fields.Finish()) return *failure;
    asked.to_organization_id = *to;
    asked.chosen_name = *name;
    asked.reason = *reason;
    asked.urgency = ParseUrgency(*urgency).value_or(Urgency::kRoutine);
    asked.consent_method = *method;
    asked.consent_at = *consent_at;
    if (referrer_name) {
        asked.outside = OutsideReferrer{.name = *referrer_name,
                                        .organization = referrer_organization.value_or(""),
                                        .contact = referrer_contact.value_or("")};
    }
    auto sent = SendReferral(module, *request.principal, entry, *organization, asked);
    if (!sent) return std::move(sent.failure());
    return ReferralAnswer(201, *sent, sent->to_organization_id == *organization);
}

// The list's filters from the query: ?box= (received unless said), ?state= (400 naming a
// malformed one).
core::Outcome<std::pair<Box, std::optional<ReferralState>>> ReadListQuery(const Request& request) {
    Box box = Box::kReceived;
    std::optional<ReferralState> state;
    auto params = boost::urls::parse_query(request.query);
    if (!params) return core::Failure::BadParameter("box", "format");
    for (const auto& param : *params) {
        const std::string key = param.key.decode();
        const std::string value = param.has_value ? param.value.decode() : std::string();
        if (key == "box") {
            const auto parsed = ParseBox(value);
            if (!parsed) return core::Failure::BadParameter("box", "format");
            box = *parsed;
        } else if (key == "state") {
            state = ParseReferralState(value);
            if (!state) return core::Failure::BadParameter("state", "format");
        }
    }
    return std::pair{box, state};
}

Reply ListReferrals(const Module& module, const Request& request) {
    audit::Entry entry = core::AuditEntry(request, "", "");
    auto organization = ReachPathOrganization(module, request, entry, kReferralListAction);
    if (!organization) return std::move(organization.failure());
    auto page = core::ReadPage(request, module.keyring());
    if (!page) return std::move(page.failure());
    auto query = ReadListQuery(request);
    if (!query) return std::move(query.failure());
    const auto [box, state] = *query;
    auto referrals = ReadReferrals(module, entry, *organization, box, state, *page);
    boost::json::array items;
    for (const auto& referral : referrals.items) {
        items.push_back(ReferralJson(referral, referral.to_organization_id == *organization));
    }
    return Response::Json(200, boost::json::serialize(boost::json::object{
                                   {"items", std::move(items)},
                                   {"next_cursor", core::NextCursor(request, module.keyring(), referrals.next)}}));
}

core::Outcome<ReachedReferral> ReachPathReferral(const Module& module, const Request& request, audit::Entry& entry,
                                                 std::string_view action) {
    return ReachReferral(module, *request.principal, entry, action,
                         core::ParseId(request.Param("referral_id")).value_or(0));
}

Reply GetReferral(const Module& module, const Request& request) {
    audit::Entry entry = core::AuditEntry(request, "", "");
    auto reached = ReachPathReferral(module, request, entry, kReferralReadAction);
    if (!reached) return std::move(reached.failure());
    RecordReferralRead(module, entry);
    return ReferralAnswer(200, reached->referral, reached->receiving);
}

Reply PostAnswer(const Module& module, const Request& request) {
    audit::Entry entry = core::AuditEntry(request, "", "");
    auto reached = ReachPathReferral(module, request, entry, kReferralAnswerAction);
    if (!reached) return std::move(reached.failure());
    http::JsonFields fields(request);
    auto decision = fields.String("decision");
    auto lead = fields.Int("lead_user_id");
    auto reason = fields.String("reason");
    if (auto failure = fields.Finish()) return *failure;
    auto answered = AnswerReferral(
        module, *request.principal, entry, reached->referral,
        {.accept = *decision == "accept", .lead_user_id = lead.value_or(0), .reason = reason.value_or("")});
    if (!answered) return std::move(answered.failure());
    return ReferralAnswer(200, *answered, true);
}

boost::json::array ListParameters() {
    boost::json::array parameters = core::PageParameters();
    parameters.push_back({{"name", "box"},
                          {"in", "query"},
                          {"required", false},
                          {"description", "The referrals the organization received (the default) or sent"},
                          {"schema", {{"enum", {"received", "sent"}}}}});
    parameters.push_back({{"name", "state"},
                          {"in", "query"},
                          {"required", false},
                          {"description", "Only the referrals in this state"},
                          {"schema", {{"enum", {"pending", "accepted", "declined"}}}}});
    return parameters;
}

}  // namespace

boost::json::object ReferralJson(const Referral& referral, bool receiving) {
    boost::json::value outside = nullptr;
    if (referral.outside) {
        outside = boost::json::object{{"name", referral.outside->name},
                                      {"organization", referral.outside->organization},
                                      {"contact", referral.outside->contact}};
    }
    return {{"id", referral.id},
            {"case_id", receiving ? boost::json::value(referral.case_id) : boost::json::value(nullptr)},
            {"from_organization", Organization(referral.from_organization_id, referral.from_organization_name)},
            {"to_organization", Organization(referral.to_organization_id, referral.to_organization_name)},
            {"referred_by", Person(referral.referred_by, referral.referred_by_name)},
            {"referrer", std::move(outside)},
            {"chosen_name", referral.chosen_name},
            {"reason", referral.reason},
            {"urgency", UrgencyName(referral.urgency)},
            {"consent_method", referral.consent_method},
            {"consent_at", referral.consent_at},
            {"state", ReferralStateName(referral.state)},
            {"answered_by", Person(referral.answered_by, referral.answered_by_name)},
            {"answered_at", referral.answered_at == 0 ? boost::json::value(nullptr) : referral.answered_at},
            {"answer", referral.answer.empty() ? boost::json::value(nullptr) : boost::json::value(referral.answer)},
            {"created_at", referral.created_at}};
}

constexpr std::string_view kReferralSchemaText = R"({"type":"object","required":["id","case_id","from_organization",
    "to_organization","referred_by","referrer","chosen_name","reason","urgency","consent_method","consent_at","state",
    "answered_by","answered_at","answer","created_at"],"properties":{"id":{"type":"integer"},
    "case_id":{"type":["integer","null"],"description":"Her case, for the receiving organization only"},
    "from_organization":{"type":["object","null"],"required":["id","name"],"properties":{"id":{"type":"integer"},"name":{"type":"string"}}},
    "to_organization":{"type":["object","null"],"required":["id","name"],"properties":{"id":{"type":"integer"},"name":{"type":"string"}}},
    "referred_by":{"type":["object","null"],"required":["user_id","display_name"],"properties":{"user_id":{"type":"integer"},"display_name":{"type":"string"}}},
    "referrer":{"type":["object","null"],"required":["name","organization","contact"],"properties":{
      "name":{"type":"string"},"organization":{"type":"string"},"contact":{"type":"string"}},
      "description":"Who referred her, when the referrer does not use Ponte"},
    "chosen_name":{"type":"string"},"reason":{"type":"string"},"urgency":{"enum":["routine","soon","urgent"]},
    "consent_method":{"enum":["paper","verbal","online"]},"consent_at":{"type":"integer"},
    "state":{"enum":["pending","accepted","declined"]},"answered_by":{"type":["object","null"],"required":["user_id","display_name"],"properties":{"user_id":{"type":"integer"},"display_name":{"type":"string"}}},
    "answered_at":{"type":["integer","null"]},"answer":{"type":["string","null"]},"created_at":{"type":"integer"}}})";

const std::string_view kReferralSchema = kReferralSchemaText;

void AddReferralRoutes(core::Registry& registry, std::shared_ptr<const Module> module) {
    const std::string referral_schema(kReferralSchema);
    registry.AddRoute({.method = http::Method::kPost,
                       .path = "/api/v1/organizations/{organization_id}/referrals",
                       .policy_action = std::string(kReferralSendAction),
                       .id = "sendReferral",
                       .summary =
                           "Refer a woman, with her consent, to an organization of the same network; or record, for "
                           "the organization itself, a referral from a service that does not use Ponte (referrer_*)",
                       .tag = "cases",
                       .request = http::Schema(R"({"type":"object","additionalProperties":false,
             "required":["to_organization_id","chosen_name","reason","urgency","consent_given","consent_method",
               "consent_at"],
             "properties":{"to_organization_id":{"type":"integer","minimum":1},
               "chosen_name":{"type":"string","minLength":1,"maxLength":100},
               "reason":{"type":"string","minLength":1,"maxLength":2000},
               "urgency":{"enum":["routine","soon","urgent"]},
               "consent_given":{"type":"boolean","const":true,"description":"She agreed to be referred: required, and true"},
               "consent_method":{"enum":["paper","verbal","online"]},
               "consent_at":{"type":"integer","minimum":0,"description":"When she agreed, in milliseconds since the epoch"},
               "referrer_name":{"type":"string","minLength":1,"maxLength":100},
               "referrer_organization":{"type":"string","maxLength":200},
               "referrer_contact":{"type":"string","maxLength":200}}})"),
                       .response = http::Schema(referral_schema),
                       .status = 201,
                       .errors = {401, 403, 404, 422},
                       .handler = core::Bind(module, &PostReferral)});
    registry.AddRoute(
        {.method = http::Method::kGet,
         .path = "/api/v1/organizations/{organization_id}/referrals",
         .policy_action = std::string(kReferralListAction),
         .id = "listReferrals",
         .summary = "The referrals the organization received (its inbox) or sent, oldest first, a page at a time",
         .tag = "cases",
         .parameters = ListParameters(),
         .response = http::Schema(R"({"type":"object","required":["items","next_cursor"],"properties":{
             "items":{"type":"array","items":)" +
                                  referral_schema + R"(},"next_cursor":{"type":["string","null"]}}})"),
         .errors = {400, 401, 403, 404},
         .handler = core::Bind(module, &ListReferrals)});
    registry.AddRoute({.method = http::Method::kGet,
                       .path = "/api/v1/referrals/{referral_id}",
                       .policy_action = std::string(kReferralReadAction),
                       .id = "getReferral",
                       .summary = "A referral, as the organization that sent it or the one that received it reads it",
                       .tag = "cases",
                       .response = http::Schema(referral_schema),
                       .errors = {401, 403, 404},
                       .handler = core::Bind(module, &GetReferral)});
    registry.AddRoute({.method = http::Method::kPost,
                       .path = "/api/v1/referrals/{referral_id}/answer",
                       .policy_action = std::string(kReferralAnswerAction),
                       .id = "answerReferral",
                       .summary =
                           "Accept a referral (her case moves to intake, with its lead worker) or decline it with a "
                           "reason, which the referrer reads",
                       .tag = "cases",
                       .request = http::Schema(R"({"type":"object","additionalProperties":false,"required":["decision"],
             "properties":{"decision":{"enum":["accept","decline"]},"lead_user_id":{"type":"integer","minimum":1},
               "reason":{"type":"string","maxLength":2000}}})"),
                       .response = http::Schema(referral_schema),
                       .errors = {401, 403, 404, 409, 422},
                       .handler = core::Bind(module, &PostAnswer)});
}

}  // namespace ponte::cases

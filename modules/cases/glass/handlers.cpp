#include "modules/cases/glass/handlers.hpp"

#include <boost/json.hpp>

#include "core/feature.hpp"
#include "core/http/json_body.hpp"
#include "core/http/openapi.hpp"
#include "modules/cases/glass/actions.hpp"
#include "modules/cases/glass/store.hpp"
#include "modules/cases/policy.hpp"

namespace ponte::cases {
namespace {

http::Reply PostGlass(const Module& module, const http::Request& request) {
    audit::Entry entry = core::AuditEntry(request, "", "");
    auto record =
        ReachGlassCase(module, *request.principal, entry, core::ParseId(request.Param("case_id")).value_or(0));
    if (!record) return std::move(record.failure());
    http::JsonFields fields(request);
    auto reason = fields.String("reason", http::Text::kName);
    if (auto failure = fields.Finish()) return *failure;
    const std::int64_t expires = BreakCaseGlass(module, *request.principal, entry, *record, *reason);
    return http::Response::Json(201, boost::json::serialize(boost::json::object{{"expires_at", expires}}));
}

}  // namespace

void AddGlassRoutes(core::Registry& registry, std::shared_ptr<const Module> module) {
    registry.AddRoute(
        {.method = http::Method::kPost,
         .path = "/api/v1/cases/{case_id}/glass",
         .policy_action = std::string(kBreakGlassAction),
         .id = "breakCaseGlass",
         .summary = "Break the glass: a case worker of the organization who is not on the case's team reads it "
                    "for " +
                    std::to_string(kGlassHours) +
                    " hours, having written why; the case's timeline shows it and its lead worker is mailed",
         .tag = "cases",
         .request = http::Schema(R"({"type":"object","additionalProperties":false,"required":["reason"],
             "properties":{"reason":{"type":"string","minLength":10,"maxLength":2000,
               "description":"Why she must read this case now, in her own words"}}})"),
         .response = http::Schema(R"({"type":"object","required":["expires_at"],"properties":{
             "expires_at":{"type":"integer","description":"When her access ends"}}})"),
         .status = 201,
         .errors = {401, 403, 404, 409, 422},
         .handler = core::Bind(module, &PostGlass)});
}

}  // namespace ponte::cases

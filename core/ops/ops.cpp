#include "core/ops/ops.hpp"

#include <boost/json.hpp>

#include "core/crypto/random.hpp"
#include "core/db/migrate.hpp"
#include "core/http/client_address.hpp"
#include "core/http/openapi.hpp"

namespace ponte::ops {
namespace {

using http::Schema;

using http::Method;
using http::Reply;
using http::Request;
using http::Response;

Reply Healthz(core::Registry& registry) {
    try {
        db::Lease connection = registry.database().Acquire();
        connection->Execute("SELECT 1");
    } catch (const db::Error& error) {
        return core::Failure{core::Fault::kUnavailable, "detail.database_unavailable", error.what()};
    }
    return Response::Json(200, R"({"status":"ok","database":"ok"})");
}

Reply Meta(core::Registry& registry, const Options& options) {
    boost::json::array schema;
    for (const auto& migration : db::ListApplied(registry.database())) {
        schema.push_back({{"module", migration.module}, {"version", migration.version}, {"name", migration.name}});
    }
    boost::json::object body{{"name", "ponte"},
                             {"version", kVersion},
                             {"engine", db::EngineName(registry.database().engine())},
                             {"demo", options.demo},
                             {"quick_exit_url", options.quick_exit_url},
                             {"schema", std::move(schema)}};
    return Response::Json(200, boost::json::serialize(body));
}

// Metrics tell about traffic and load: this machine's monitoring may read them, and a scraper
// elsewhere with the token (compared in constant time).
bool MayReadMetrics(const Request& request, const std::string& token) {
    if (auto authorization = request.headers.Get("Authorization"); !token.empty() && authorization) {
        constexpr std::string_view kBearer = "Bearer ";
        if (authorization->starts_with(kBearer) &&
            crypto::ConstantTimeEqual(authorization->substr(kBearer.size()), token)) {
            return true;
        }
    }
    // A proxy on this machine connects from loopback on behalf of anyone: its requests say so.
    return http::IsLoopback(http::AddressPart(request.remote)) && !request.headers.Get("X-Forwarded-For") &&
           !request.headers.Get("Forwarded");
}

}  // namespace

void Register(core::Registry& registry, const Options& options) {
    auto* r = &registry;
    registry.AddRoute({.method = Method::kGet,
                       .path = "/healthz",
                       .policy_action = "public",
                       .id = "getHealth",
                       .summary = "Liveness and database check",
                       .tag = "ops",
                       .response = Schema(R"({"type":"object","required":["status","database"],"properties":{
                            "status":{"const":"ok"},"database":{"const":"ok"}}})"),
                       .errors = {503},
                       .handler = [r](const Request&) { return Healthz(*r); }});
    registry.AddRoute({.method = Method::kGet,
                       .path = "/metrics",
                       .policy_action = "public",
                       .id = "getMetrics",
                       .summary = "Prometheus metrics: requests and latency by route, pool use",
                       .tag = "ops",
                       .response = Schema(R"({"type":"string"})"),
                       .handler = [r, token = options.metrics_token](const Request& request) -> Reply {
                           if (!MayReadMetrics(request, token)) return core::Failure{core::Fault::kNotFound};
                           Response response;
                           response.headers.Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
                           response.body = r->metrics().Render();
                           return response;
                       },
                       .on_loop = true});
    registry.AddRoute({.method = Method::kGet,
                       .path = "/api/v1/openapi.json",
                       .policy_action = "public",
                       .id = "getOpenApi",
                       .summary = "This OpenAPI 3.1 document",
                       .tag = "ops",
                       .response = Schema(R"({"type":"object"})"),
                       .handler = [r](const Request&) -> Reply {
                           // Built on first use: the router is final by then, and the document never changes.
                           static const std::string document =
                               boost::json::serialize(http::BuildOpenApi(r->router(), kVersion));
                           return Response::Json(200, document);
                       }});
    registry.AddRoute(
        {.method = Method::kGet,
         .path = "/api/v1/meta",
         .policy_action = "public",
         .id = "getMeta",
         .summary = "Version, database engine, demo mode, quick exit address and applied schema migrations",
         .tag = "ops",
         .response = Schema(R"({"type":"object","required":["name","version","engine","demo","quick_exit_url","schema"],
                            "properties":{"name":{"type":"string"},"version":{"type":"string"},
                              "engine":{"type":"string","enum":["sqlite","postgresql"]},"demo":{"type":"boolean"},"quick_exit_url":{"type":"string"},
                              "schema":{"type":"array","items":{"type":"object","required":["module","version","name"],
                                "properties":{"module":{"type":"string"},"version":{"type":"integer"},
                                  "name":{"type":"string"}}}}}})"),
         .errors = {503},
         .handler = [r, options](const Request&) { return Meta(*r, options); }});

    auto gauge = [r](auto read) { return [r, read] { return static_cast<double>(read(r->database().Stats())); }; };
    registry.metrics().AddGauge("ponte_db_pool_connections", "Open database connections",
                                gauge([](const db::PoolStats& s) { return s.size; }));
    registry.metrics().AddGauge("ponte_db_pool_in_use", "Database connections in use",
                                gauge([](const db::PoolStats& s) { return s.in_use; }));
    registry.metrics().AddGauge("ponte_db_pool_capacity", "Maximum database connections",
                                gauge([](const db::PoolStats& s) { return s.capacity; }));
    registry.metrics().AddCounter("ponte_db_pool_waits_total", "Acquisitions that waited for a connection",
                                  gauge([](const db::PoolStats& s) { return s.waits; }));
    registry.metrics().AddCounter("ponte_db_pool_timeouts_total", "Acquisitions that gave up",
                                  gauge([](const db::PoolStats& s) { return s.timeouts; }));
}

}  // namespace ponte::ops

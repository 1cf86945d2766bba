#include "core/ops/probe.hpp"

#include <boost/json.hpp>
#include <boost/url/parse_query.hpp>
#include <charconv>
#include <optional>
#include <thread>

#include "core/audit/audit.hpp"
#include "core/feature.hpp"
#include "core/http/json_body.hpp"
#include "core/log/log.hpp"

namespace ponte::ops {
namespace {

using core::Failure;
using core::Fault;
using http::Method;
using http::Problem;
using http::ProblemKind;
using http::Reply;
using http::Request;
using http::Response;

constexpr std::string_view kInsertWrite =
    "INSERT INTO probe_writes (write_key, item_count, created_at) VALUES ($1, $2, $3)";
constexpr std::string_view kInsertItem = "INSERT INTO probe_write_items (write_key, seq) VALUES ($1, $2)";
constexpr std::string_view kSelectWrite =
    "SELECT w.item_count, (SELECT COUNT(*) FROM probe_write_items i WHERE i.write_key = w.write_key) "
    "FROM probe_writes w WHERE w.write_key = $1";

Reply Write(core::Registry& registry, const Request& request) {
    http::JsonFields fields(request);
    auto key = fields.String("key");
    auto items = fields.Int("items");
    if (auto problem = fields.Finish()) return *problem;
    std::int64_t count = *items;
    try {
        registry.database().Transact([&](db::Connection& connection) {
            connection.Execute(kInsertWrite, {*key, count, std::string("now")});
            for (std::int64_t i = 0; i < count; ++i) connection.Execute(kInsertItem, {*key, i});
        });
    } catch (const db::UniqueViolation&) {
        return Failure{Fault::kConflict};
    }
    return Response::Json(201, boost::json::serialize(boost::json::object{{"key", *key}, {"items", count}}));
}

Reply Read(core::Registry& registry, const Request& request) {
    db::Lease connection = registry.database().Acquire();
    auto rows = connection->Execute(kSelectWrite, {std::string(request.Param("key"))});
    if (rows.empty()) return Failure{Fault::kNotFound};
    return Response::Json(
        200, boost::json::serialize(boost::json::object{
                 {"key", request.Param("key")}, {"items", rows.Int(0, 0)}, {"stored_items", rows.Int(0, 1)}}));
}

// GET /api/v1/probe/writes/{key}/audited: the read, audited as a protected record's read is (its
// answer waits for the entry's commit).
Reply AuditedRead(core::Registry& registry, const Request& request) {
    Reply reply = Read(registry, request);
    audit::Entry entry{.action = "probe.write.read",
                       .outcome = reply ? "ok" : "not_found",
                       .resource_type = "probe.write",
                       .resource_id = std::string(request.Param("key")),
                       .remote = audit::AddressOf(request.remote),
                       .request_id = request.request_id};
    audit::Record(registry.database(), entry, core::NowMs());
    return reply;
}

// POST /api/v1/probe/sleep: answers after 500 ms; with `?database_ms=N` (0..10000), after
// holding a database connection for N ms instead, as a slow query does: in the server on
// PostgreSQL (pg_sleep), by waiting with the connection held on SQLite, which has no sleep in SQL.
Reply Sleep(core::Registry& registry, const Request& request) {
    std::optional<int> database_ms;
    if (auto query = boost::urls::parse_query(request.query)) {
        for (const auto& param : *query) {
            if (param.key != "database_ms") continue;
            int ms = -1;
            std::string_view text = param.value;
            auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), ms);
            if (error != std::errc{} || end != text.data() + text.size() || ms < 0 || ms > 10'000) {
                return core::Failure::Invalid("database_ms", "format");
            }
            database_ms = ms;
        }
    }
    if (database_ms) {
        db::Lease connection = registry.database().Acquire();
        if (registry.database().engine() == db::Engine::kPostgres) {
            connection->Execute("SELECT pg_sleep($1)", {static_cast<double>(*database_ms) / 1000});
        } else {
            std::this_thread::sleep_for(std::chrono::milliseconds(*database_ms));
        }
    } else {
        log::Info("probe sleep started");
        std::this_thread::sleep_for(std::chrono::milliseconds(500));
    }
    Response response;
    response.status = 204;
    return response;
}

}  // namespace

void RegisterProbe(core::Registry& registry) {
    registry.AddMigrations(db::LoadEmbeddedMigrations("probe", "core/ops/probe_migrations/"));
    registry.DeclareNoPersonalData("probe_writes", "test records of the test suite");
    registry.DeclareNoPersonalData("probe_write_items", "test records of the test suite");
    auto* r = &registry;
    registry.AddRoute(
        {.method = Method::kPost,
         .path = "/api/v1/probe/writes",
         .policy_action = "public",
         .id = "createProbeWrite",
         .summary = "Test only: write a header and its items in one transaction",
         .tag = "probe",
         .request = boost::json::parse(R"({"type":"object","additionalProperties":false,"required":["key","items"],
        "properties":{"key":{"type":"string","minLength":1,"maxLength":100},
          "items":{"type":"integer","minimum":1,"maximum":20}}})"),
         .status = 201,
         .errors = {409},
         .handler = [r](const Request& request) { return Write(*r, request); }});
    registry.AddRoute({.method = Method::kGet,
                       .path = "/api/v1/probe/writes/{key}",
                       .policy_action = "public",
                       .id = "getProbeWrite",
                       .summary = "Test only: read a write back with its stored item count",
                       .tag = "probe",
                       .response = boost::json::parse(R"({"type":"object"})"),
                       .errors = {404},
                       .handler = [r](const Request& request) { return Read(*r, request); }});
    registry.AddRoute({.method = Method::kGet,
                       .path = "/api/v1/probe/writes/{key}/audited",
                       .policy_action = "public",
                       .id = "getProbeWriteAudited",
                       .summary = "Test only: the same read, audited",
                       .tag = "probe",
                       .response = boost::json::parse(R"({"type":"object"})"),
                       .errors = {404},
                       .handler = [r](const Request& request) { return AuditedRead(*r, request); }});
    registry.AddRoute({.method = Method::kPost,
                       .path = "/api/v1/probe/sleep",
                       .policy_action = "public",
                       .id = "probeSleep",
                       .summary = "Test only: answer after 500 ms, to test graceful shutdown; with ?database_ms=N, "
                                  "after holding a database connection N ms, as a slow query does",
                       .tag = "probe",
                       .status = 204,
                       .handler = [r](const Request& request) { return Sleep(*r, request); }});
}

}  // namespace ponte::ops

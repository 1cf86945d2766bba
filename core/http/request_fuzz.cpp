// libFuzzer target: raw bytes -> HTTP request parser (with the server's limits) -> router ->
// JSON body decoding -> response. Anything but a well-formed response (or a clean parse error)
// is a bug: a crash, a sanitizer report, a 5xx, or a response that is not problem+json on error.
#include <unistd.h>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <cstdint>
#include <cstdlib>
#include <filesystem>

#include "core/authentication/authentication.hpp"
#include "core/db/migrate.hpp"
#include "core/http/dispatcher.hpp"
#include "core/identity/module.hpp"
#include "core/registry.hpp"

namespace {

namespace bhttp = boost::beast::http;
using namespace ponte;

// The identity routes and the guard on a real SQLite database in a temporary folder, with the
// cheapest password hashing so that the fuzzer spends its time on parsing.
std::unique_ptr<db::Database> OpenFuzzDatabase() {
    auto directory = std::filesystem::temp_directory_path() / ("ponte-fuzz-" + std::to_string(getpid()));
    std::filesystem::create_directories(directory);
    return db::Database::Open("sqlite:" + (directory / "fuzz.db").string());
}

authentication::Options FuzzAuthOptions() {
    authentication::Options options;
    options.password_cost = {.passes = 1, .memory_bytes = 8 * 1024};
    return options;
}

struct Fixture {
    std::unique_ptr<db::Database> database = OpenFuzzDatabase();
    core::Registry registry{*database, std::make_shared<const crypto::Keyring>(
                                           crypto::Keyring::Parse(crypto::Keyring::NewKeyLine("fuzz")))};
    std::unique_ptr<http::Dispatcher> dispatcher;

    Fixture() {
        authentication::Register(registry, FuzzAuthOptions());
        registry.AddRoute({.method = http::Method::kGet,
                           .path = "/api/v1/things/{id}/parts/{part}",
                           .policy_action = "public",
                           .id = "getPart",
                           .summary = "fuzz",
                           .tag = "fuzz",
                           .handler = [](const http::Request& r) -> http::Reply {
                               return http::Response::Json(200, boost::json::serialize(boost::json::object{
                                                                    {"id", r.Param("id")}, {"part", r.Param("part")}}));
                           }});
        registry.Finalize();
        db::Migrate(*database, identity::Migrations());
        dispatcher = std::make_unique<http::Dispatcher>(&registry.served_router(), nullptr, &registry.metrics(), false);
        dispatcher->SetGuard(registry.guard());
    }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static Fixture fixture;
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(16 * 1024);
    parser.body_limit(64 * 1024);
    parser.eager(true);
    boost::beast::error_code error;
    parser.put(boost::asio::buffer(data, size), error);
    if (!error && !parser.is_done()) parser.put_eof(error);
    if (error || !parser.is_done()) return 0;  // the server answers these 400/413/431 before routing

    auto message = parser.release();
    http::Request request;
    request.method_name = std::string(message.method_string());
    request.method = http::ParseMethod(request.method_name);
    request.target = std::string(message.target());
    for (const auto& field : message) request.headers.Add(field.name_string(), std::string(field.value()));
    request.body = std::move(message.body());

    http::Response response = fixture.dispatcher->Handle(request);
    if (response.status >= 500) std::abort();
    if (response.status >= 400) {
        if (response.headers.Get("Content-Type") != "application/problem+json") std::abort();
        auto body = boost::json::parse(response.body);  // throws (and so fails) when not JSON
        if (body.at("status").as_int64() != response.status) std::abort();
    }
    return 0;
}

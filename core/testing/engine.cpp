#include "core/testing/engine.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <mutex>
#include <random>
#include <stdexcept>
#include <vector>

#include "core/audit/audit.hpp"
#include "core/testing/server_process.hpp"

namespace ponte::testing {
namespace {

std::string RandomSuffix() {
    static std::mt19937_64 generator{std::random_device{}()};
    static std::mutex mutex;
    std::lock_guard lock(mutex);
    return fmt::format("{:012x}", generator() & 0xFFFFFFFFFFFFULL);
}

const char* PostgresBaseUrl() {
    const char* url = std::getenv("PONTE_TEST_POSTGRES_URL");
    return url && *url ? url : nullptr;
}

bool PostgresRequired() {
    const char* required = std::getenv("PONTE_REQUIRE_POSTGRES");
    return required && std::string_view(required) == "1";
}

// The schemas ApiDatabaseUrl() created in this process.
std::mutex api_schemas_mutex;
std::vector<std::string> api_schemas;

// Around all the tests of a program: skips (or fails, when required) a PostgreSQL run of API
// tests where no PostgreSQL server is given, and drops the schemas of the run at its end.
class ApiEngineEnvironment : public ::testing::Environment {
  public:
    void SetUp() override {
        db::Engine engine{};
        try {
            engine = ApiTestEngine();
        } catch (const std::exception& error) {
            FAIL() << error.what();
        }
        // When PostgreSQL is required, ApiDatabaseUrl() fails each test that asks for it.
        if (engine != db::Engine::kPostgres || PostgresBaseUrl() || PostgresRequired()) return;
        // gtest then runs no test; main() turns this into the exit status CTest counts as a skip.
        GTEST_SKIP() << "PostgreSQL not available: set PONTE_TEST_POSTGRES_URL (make test does)";
    }
    void TearDown() override {
        std::lock_guard lock(api_schemas_mutex);
        for (const auto& schema : api_schemas) DropDatabase(db::Engine::kPostgres, schema);
        api_schemas.clear();
    }
};

[[maybe_unused]] const ::testing::Environment* const api_engine_environment =
    ::testing::AddGlobalTestEnvironment(new ApiEngineEnvironment);

}  // namespace

std::filesystem::path MakeTempDirectory() {
    auto path = std::filesystem::temp_directory_path() / ("ponte-test-" + RandomSuffix());
    std::filesystem::create_directories(path);
    return path;
}

std::string NewDatabaseUrl(db::Engine engine, std::string& cleanup) {
    if (engine == db::Engine::kSqlite) {
        cleanup = MakeTempDirectory().string();
        return "sqlite:" + cleanup + "/test.db";
    }
    const char* base = PostgresBaseUrl();
    if (!base) {
        if (PostgresRequired()) {
            throw std::runtime_error("PONTE_REQUIRE_POSTGRES=1 but PONTE_TEST_POSTGRES_URL is not set");
        }
        return "";
    }
    cleanup = "t_" + RandomSuffix();
    auto admin = db::Database::Open(base, {.pool_size = 1});
    admin->Acquire()->ExecuteScript("CREATE SCHEMA " + cleanup);
    std::string url(base);
    url += (url.find('?') == std::string::npos ? "?" : "&");
    url += "options=-csearch_path%3D" + cleanup;
    return url;
}

void DropDatabase(db::Engine engine, const std::string& cleanup) {
    if (cleanup.empty()) return;
    if (engine == db::Engine::kSqlite) {
        std::error_code ignored;
        std::filesystem::remove_all(cleanup, ignored);
        return;
    }
    if (const char* base = PostgresBaseUrl()) {
        auto admin = db::Database::Open(base, {.pool_size = 1});
        admin->Acquire()->ExecuteScript("DROP SCHEMA IF EXISTS " + cleanup + " CASCADE");
    }
}

void EngineTest::SetUp() {
    url_ = NewDatabaseUrl(GetParam(), schema_);
    if (url_.empty()) GTEST_SKIP() << "PostgreSQL not available: set PONTE_TEST_POSTGRES_URL (make test does)";
    database_ = db::Database::Open(url_, {.pool_size = 8});
    audit::UseKeys(TestKeyring());  // as every ponte process that writes the audit log does
}

void EngineTest::TearDown() {
    database_.reset();
    DropDatabase(GetParam(), schema_);
}

std::unique_ptr<db::Database> EngineTest::OpenAnother(std::size_t pool_size) const {
    return db::Database::Open(url_, {.pool_size = pool_size});
}

std::string EngineTestName(const ::testing::TestParamInfo<db::Engine>& info) {
    return info.param == db::Engine::kSqlite ? "Sqlite" : "Postgres";
}

db::Engine ApiTestEngine() {
    const char* name = std::getenv("PONTE_TEST_ENGINE");
    if (!name || !*name || std::string_view(name) == "sqlite") return db::Engine::kSqlite;
    if (std::string_view(name) == "postgres") return db::Engine::kPostgres;
    throw std::runtime_error(fmt::format("PONTE_TEST_ENGINE is \"{}\": it must be sqlite or postgres", name));
}

std::string ApiDatabaseUrl(const std::filesystem::path& directory) {
    if (ApiTestEngine() == db::Engine::kSqlite) return "sqlite:" + (directory / "t.db").string();
    std::string schema;
    std::string url = NewDatabaseUrl(db::Engine::kPostgres, schema);
    if (url.empty()) throw std::runtime_error("PONTE_TEST_ENGINE=postgres but PONTE_TEST_POSTGRES_URL is not set");
    std::lock_guard lock(api_schemas_mutex);
    api_schemas.push_back(schema);
    return url;
}

}  // namespace ponte::testing

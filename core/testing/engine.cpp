#include "core/testing/engine.hpp"

#include <fmt/format.h>

#include <cstdlib>
#include <random>

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
        const char* required = std::getenv("PONTE_REQUIRE_POSTGRES");
        if (required && std::string(required) == "1") {
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

}  // namespace ponte::testing

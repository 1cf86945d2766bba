// The engine fixture: one storage test suite, run on SQLite and on PostgreSQL.
//
//   class JobsTest : public testing::EngineTest {};
//   TEST_P(JobsTest, Claim_WhenDue_ReturnsJob) { auto& db = database(); ... }
//   PONTE_INSTANTIATE_ENGINES(JobsTest);
//
// SQLite runs on a new file in a temporary directory. PostgreSQL runs on the server named by
// PONTE_TEST_POSTGRES_URL (make test starts one), in a new schema per test, dropped afterwards.
// Without that variable the PostgreSQL cases are skipped, unless PONTE_REQUIRE_POSTGRES=1
// (set by make test), which makes them fail instead.
//
// API tests (*_apitest.cpp) choose their engine at run time instead: CTest registers each of them
// twice, once with PONTE_TEST_ENGINE=sqlite and once with PONTE_TEST_ENGINE=postgres, and their
// fixtures take the database of the server they start from ApiDatabaseUrl().
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "core/db/database.hpp"

namespace ponte::testing {

class EngineTest : public ::testing::TestWithParam<db::Engine> {
  protected:
    void SetUp() override;
    void TearDown() override;

    // The database of this test: new and empty.
    db::Database& database() { return *database_; }
    // The URL of this test's database, to open a second "instance" on it.
    const std::string& url() const { return url_; }
    // Opens another Database on the same data (another app instance).
    std::unique_ptr<db::Database> OpenAnother(std::size_t pool_size = 4) const;

  private:
    std::filesystem::path directory_;
    std::string schema_;
    std::string url_;
    std::unique_ptr<db::Database> database_;
};

// A fresh temporary directory, removed by the caller.
std::filesystem::path MakeTempDirectory();

// The URL of a new, empty database for `engine` (a file or a schema). Returns an empty string
// when PostgreSQL is not available and not required (the caller skips). `cleanup` receives the
// schema name for PostgreSQL, the directory for SQLite.
std::string NewDatabaseUrl(db::Engine engine, std::string& cleanup);
void DropDatabase(db::Engine engine, const std::string& cleanup);

std::string EngineTestName(const ::testing::TestParamInfo<db::Engine>& info);

// The engine the API tests of this process run on: PONTE_TEST_ENGINE, "sqlite" (also when unset)
// or "postgres". Throws std::runtime_error for any other value.
db::Engine ApiTestEngine();

// The URL of a new, empty database on ApiTestEngine() for an API test: the file t.db in
// `directory` on SQLite, a new schema on PostgreSQL (dropped when the test program ends). Throws
// std::runtime_error when the schema cannot be created. When PostgreSQL is chosen but
// PONTE_TEST_POSTGRES_URL is not set, the test program skips every test before any fixture runs
// (or fails them, under PONTE_REQUIRE_POSTGRES=1).
std::string ApiDatabaseUrl(const std::filesystem::path& directory);

}  // namespace ponte::testing

#define PONTE_INSTANTIATE_ENGINES(Suite)                                                                      \
    INSTANTIATE_TEST_SUITE_P(Engines, Suite,                                                                  \
                             ::testing::Values(::ponte::db::Engine::kSqlite, ::ponte::db::Engine::kPostgres), \
                             ::ponte::testing::EngineTestName)

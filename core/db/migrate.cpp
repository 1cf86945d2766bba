#include "core/db/migrate.hpp"

#include <algorithm>
#include <charconv>
#include <map>
#include <stdexcept>

#include <fmt/chrono.h>

#include "core/db/dialect.hpp"
#include "core/embed/embedded.hpp"

namespace ponte::db {
namespace {

constexpr std::string_view kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " module TEXT NOT NULL,"
    " version INTEGER NOT NULL,"
    " name TEXT NOT NULL,"
    " applied_at TEXT NOT NULL,"
    " PRIMARY KEY (module, version))";

constexpr std::string_view kIsApplied = "SELECT 1 FROM schema_migrations WHERE module = $1 AND version = $2";
constexpr std::string_view kRecord =
    "INSERT INTO schema_migrations (module, version, name, applied_at) VALUES ($1, $2, $3, $4)";
constexpr std::string_view kList =
    "SELECT module, version, name, applied_at FROM schema_migrations ORDER BY module, version";

std::string NowUtc() {
    return fmt::format("{:%FT%TZ}",
                       fmt::gmtime(std::chrono::system_clock::to_time_t(std::chrono::system_clock::now())));
}

}  // namespace

std::vector<Migration> LoadEmbeddedMigrations(std::string_view module, std::string_view dir) {
    std::map<int, Migration> by_version;
    for (const auto& file : embed::All()) {
        if (!file.path.starts_with(dir) || !file.path.ends_with(".sql")) continue;
        std::string_view filename = file.path.substr(dir.size());
        if (filename.find('/') != std::string_view::npos) continue;
        int version = 0;
        auto [end, error] = std::from_chars(filename.data(), filename.data() + filename.size(), version);
        if (error != std::errc{} || end != filename.data() + 4 || filename[4] != '_' || version <= 0) {
            throw std::invalid_argument("migration file must be named NNNN_name.sql: " + std::string(file.path));
        }
        std::string_view stem = filename.substr(5, filename.size() - 9);  // without "NNNN_" and ".sql"
        enum { kBoth, kSqliteOnly, kPostgresOnly } variant = kBoth;
        if (stem.ends_with(".postgres")) {
            variant = kPostgresOnly;
            stem.remove_suffix(9);
        } else if (stem.ends_with(".sqlite")) {
            variant = kSqliteOnly;
            stem.remove_suffix(7);
        }
        Migration& migration = by_version[version];
        if (!migration.name.empty() && migration.name != stem) {
            throw std::invalid_argument("two migrations numbered " + std::to_string(version) + " in " +
                                        std::string(dir));
        }
        migration.module = std::string(module);
        migration.version = version;
        migration.name = std::string(stem);
        // The plain file serves both engines unless a variant overrides it.
        if (variant != kPostgresOnly && (variant == kSqliteOnly || migration.sqlite_sql.empty())) {
            migration.sqlite_sql = dialect::ExpandSchema(Engine::kSqlite, file.content);
        }
        if (variant != kSqliteOnly && (variant == kPostgresOnly || migration.postgres_sql.empty())) {
            migration.postgres_sql = dialect::ExpandSchema(Engine::kPostgres, file.content);
        }
    }
    std::vector<Migration> migrations;
    int expected = 1;
    for (auto& [version, migration] : by_version) {
        if (version != expected++) {
            throw std::invalid_argument("migrations of " + std::string(module) + " skip number " +
                                        std::to_string(expected - 1));
        }
        if (migration.sqlite_sql.empty() || migration.postgres_sql.empty()) {
            throw std::invalid_argument("migration " + migration.name + " lacks a variant for one engine");
        }
        migrations.push_back(std::move(migration));
    }
    return migrations;
}

std::vector<Migration> Migrate(Database& database, const std::vector<Migration>& migrations) {
    // Under the migrations' lock too: on PostgreSQL, two CREATE TABLE IF NOT EXISTS at the same
    // moment both find no table, and the second fails on the catalog ("type ... already exists").
    database.Transact([&](Connection& connection) {
        connection.Execute(dialect::LockMigrations(database.engine()));
        connection.ExecuteScript(kCreateTable);
    });
    std::vector<Migration> applied;
    for (const auto& migration : migrations) {
        bool ran = database.Transact([&](Connection& connection) {
            connection.Execute(dialect::LockMigrations(database.engine()));
            if (!connection.Execute(kIsApplied, {migration.module, std::int64_t{migration.version}}).empty()) {
                return false;  // applied by another instance meanwhile, or earlier
            }
            connection.ExecuteScript(migration.Sql(database.engine()));
            connection.Execute(kRecord, {migration.module, std::int64_t{migration.version}, migration.name, NowUtc()});
            return true;
        });
        if (ran) applied.push_back(migration);
    }
    return applied;
}

std::vector<AppliedMigration> ListApplied(Database& database) {
    Lease connection = database.Acquire();
    Result rows = connection->Execute(kList);
    std::vector<AppliedMigration> applied;
    for (std::size_t r = 0; r < rows.size(); ++r) {
        applied.push_back({rows.Text(r, 0), static_cast<int>(rows.Int(r, 1)), rows.Text(r, 2), rows.Text(r, 3)});
    }
    return applied;
}

}  // namespace ponte::db

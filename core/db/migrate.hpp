// Numbered schema migrations per module.
//
// A module keeps its migrations in a folder as NNNN_description.sql, with an engine-specific
// variant NNNN_description.postgres.sql or .sqlite.sql only where the SQL must differ. Each
// migration runs in its own transaction together with the row that records it in
// schema_migrations, so a migration is applied entirely or not at all. Concurrent migrators
// (several instances starting at once) are serialized by a lock and skip what is applied.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/db/database.hpp"

namespace ponte::db {

struct Migration {
    std::string module;
    int version = 0;
    std::string name;
    std::string sqlite_sql;
    std::string postgres_sql;

    const std::string& Sql(Engine engine) const { return engine == Engine::kSqlite ? sqlite_sql : postgres_sql; }
};

// Loads the migrations embedded from folder `dir` (e.g. "core/db/migrations/") for `module`,
// sorted by version. Throws std::invalid_argument on a badly named file, a gap or a duplicate.
std::vector<Migration> LoadEmbeddedMigrations(std::string_view module, std::string_view dir);

struct AppliedMigration {
    std::string module;
    int version = 0;
    std::string name;
    std::string applied_at;
};

// Applies, in order, the migrations not yet recorded; returns those applied now. Throws the
// db::Error of a failing migration after rolling it back (earlier ones stay applied).
std::vector<Migration> Migrate(Database& database, const std::vector<Migration>& migrations);

// What schema_migrations records, ordered by module and version. Precondition: Migrate() ran.
std::vector<AppliedMigration> ListApplied(Database& database);

}  // namespace ponte::db

// Online backup of a SQLite database.
#pragma once

#include <string>

#include "core/db/database.hpp"

namespace ponte::db {

// Writes a consistent copy of the live SQLite database to `out` (VACUUM INTO: one read
// transaction, so concurrent writers are neither blocked for long nor half-copied). Throws
// std::invalid_argument when `out` exists or the database is not SQLite.
void BackupSqlite(Database& database, const std::string& out);

}  // namespace ponte::db

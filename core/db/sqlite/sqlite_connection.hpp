// The SQLite engine: WAL journal, synchronous=FULL (a committed write survives a crash of the
// process and of the machine), foreign keys on, a busy timeout, and a prepared-statement cache.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "core/db/database.hpp"

namespace ponte::db {

// Opens (creating if needed) the database file at `path` and its parent directory.
std::unique_ptr<Connection> OpenSqlite(const std::string& path, std::chrono::milliseconds busy_timeout);

}  // namespace ponte::db

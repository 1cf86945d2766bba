// Online backup of a SQLite database, and a copy of the files folder beside it.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>

#include "core/db/database.hpp"

namespace ponte::db {

// Writes a consistent copy of the live SQLite database to `out` (VACUUM INTO: one read
// transaction, so concurrent writers are neither blocked for long nor half-copied). Throws
// std::invalid_argument when `out` exists or the database is not SQLite.
void BackupSqlite(Database& database, const std::string& out);

// Copies the files folder `from` (config::FilesDirectory) into the new folder `to`, its folders
// 0700 and its files 0600; returns how many files were copied (0 when `from` does not exist).
// The files are sealed, so the copy needs the key file as the original does. Taken after the
// database's copy, it holds every file a row of that copy names (a file is written before its
// row), except one erased in between. Throws std::invalid_argument when `to` exists.
std::int64_t CopyFilesFolder(const std::filesystem::path& from, const std::filesystem::path& to);

}  // namespace ponte::db

// The files Ponte keeps on disk (the SQLite database and its -wal and -shm, the key file,
// backups) are for its own user only: created mode 0600, in directories created 0700.
//
// Explicit modes rather than a umask: the umask is one per process, and changing it while server
// threads open connections would race with them.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace ponte::db {

// Creates the missing directories of `directory` one by one, each mode 0700 (existing ones are
// left as they are). Throws std::filesystem::filesystem_error.
void CreatePrivateDirectories(const std::filesystem::path& directory);

// Creates `file` empty with mode 0600, and its missing directories 0700. Returns false when it
// exists already (it is then left alone); throws std::runtime_error on any other failure.
bool CreatePrivateFile(const std::filesystem::path& file);

// For a sqlite: URL whose file (or its -wal or -shm) other users may read or write, the message
// that names it and says how to fix it; nullopt when private, missing, or not SQLite.
std::optional<std::string> ExposedSqliteFile(std::string_view url);

}  // namespace ponte::db

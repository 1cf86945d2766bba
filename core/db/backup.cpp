#include "core/db/backup.hpp"

#include <filesystem>
#include <stdexcept>

#include "core/db/files.hpp"

namespace ponte::db {

void BackupSqlite(Database& database, const std::string& out) {
    if (database.engine() != Engine::kSqlite) throw std::invalid_argument("backup copies SQLite databases only");
    // An empty file is a valid target of VACUUM INTO, which would otherwise create it 0644.
    if (!CreatePrivateFile(out)) throw std::invalid_argument("backup target exists: " + out);
    Lease connection = database.Acquire();
    connection->Execute("VACUUM INTO $1", {out});
}

}  // namespace ponte::db

#include "core/db/backup.hpp"

#include <filesystem>
#include <stdexcept>

namespace ponte::db {

void BackupSqlite(Database& database, const std::string& out) {
    if (database.engine() != Engine::kSqlite) throw std::invalid_argument("backup copies SQLite databases only");
    if (std::filesystem::exists(out)) throw std::invalid_argument("backup target exists: " + out);
    Lease connection = database.Acquire();
    connection->Execute("VACUUM INTO $1", {out});
}

}  // namespace ponte::db

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

std::int64_t CopyFilesFolder(const std::filesystem::path& from, const std::filesystem::path& to) {
    namespace fs = std::filesystem;
    if (fs::exists(to)) throw std::invalid_argument("backup target exists: " + to.string());
    CreatePrivateDirectories(to);
    if (!fs::is_directory(from)) return 0;
    std::int64_t copied = 0;
    for (const auto& entry : fs::recursive_directory_iterator(from)) {
        const fs::path target = to / fs::relative(entry.path(), from);
        if (entry.is_directory()) {
            CreatePrivateDirectories(target);
        } else if (entry.is_regular_file() && entry.path().extension() != ".reseal") {  // not a half-made reseal
            if (!CreatePrivateFile(target)) throw std::invalid_argument("backup target exists: " + target.string());
            fs::copy_file(entry.path(), target, fs::copy_options::overwrite_existing);
            fs::permissions(target, fs::perms::owner_read | fs::perms::owner_write);
            ++copied;
        }
    }
    return copied;
}

}  // namespace ponte::db

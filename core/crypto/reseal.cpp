#include "core/crypto/reseal.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <fstream>
#include <system_error>

#include "core/db/files.hpp"

namespace ponte::crypto {

ResealReport Reseal(db::Database& database, const Keyring& keyring, const std::vector<SealedColumn>& columns) {
    ResealReport report;
    for (const auto& column : columns) {
        const std::string select = "SELECT " + column.id_column + ", " + column.column + " FROM " + column.table +
                                   " WHERE " + column.column + " IS NOT NULL ORDER BY " + column.id_column;
        // Only the row whose value is still the one read is updated: a concurrent write wins.
        const std::string update = "UPDATE " + column.table + " SET " + column.column + " = $2 WHERE " +
                                   column.id_column + " = $1 AND " + column.column + " = $3";
        db::Result rows = [&] {
            db::Lease connection = database.Acquire();
            return connection->Execute(select);
        }();
        for (std::size_t row = 0; row < rows.size(); ++row) {
            const std::int64_t id = rows.Int(row, 0);
            const std::string& sealed = rows.Text(row, 1);
            if (Keyring::KeyIdOf(sealed) == keyring.current_id()) {
                ++report.current;
                continue;
            }
            const std::string context = FieldContext(column.ContextTable(), column.column, id);
            const std::string resealed = keyring.Seal(keyring.Open(sealed, context), context);
            database.Transact([&](db::Connection& connection) { connection.Execute(update, {id, resealed, sealed}); });
            ++report.resealed;
        }
    }
    return report;
}

namespace {

// Flushes the file to the disk, so that the rename cannot outlive its content after a crash.
void SyncFile(const std::filesystem::path& file) {
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0 || ::fsync(fd) != 0) {
        if (fd >= 0) ::close(fd);
        throw std::runtime_error("cannot flush " + file.string());
    }
    ::close(fd);
}

// A file that is gone is skipped; throws SealError when it does not open.
void ResealFile(const Keyring& keyring, const SealedFile& file, ResealReport& report) {
    std::ifstream in(file.path, std::ios::binary);
    if (!in) return;
    if (Keyring::KeyIdOfStream(in) == keyring.current_id()) {
        ++report.current;
        return;
    }
    in.seekg(0);
    std::filesystem::path fresh = file.path;
    fresh += ".reseal";
    std::error_code ignored;
    std::filesystem::remove(fresh, ignored);  // left by an interrupted run
    if (!db::CreatePrivateFile(fresh)) throw std::runtime_error("cannot create " + fresh.string());
    try {
        std::ofstream out(fresh, std::ios::binary | std::ios::trunc);
        keyring.ResealStream(in, out, file.context);
        out.close();
        if (!out) throw std::runtime_error("cannot write " + fresh.string());
        SyncFile(fresh);
        std::filesystem::rename(fresh, file.path);
    } catch (const SealError& error) {
        std::filesystem::remove(fresh, ignored);
        throw SealError(file.path.string() + ": " + error.what());
    } catch (...) {
        std::filesystem::remove(fresh, ignored);
        throw;
    }
    ++report.resealed;
}

}  // namespace

ResealReport ResealFiles(db::Database& database, const Keyring& keyring, const std::vector<SealedFiles>& sources) {
    ResealReport report;
    for (const auto& source : sources) {
        const std::vector<SealedFile> files = [&] {
            db::Lease connection = database.Acquire();
            return source.list(*connection);
        }();
        for (const auto& file : files) ResealFile(keyring, file, report);
    }
    return report;
}

}  // namespace ponte::crypto

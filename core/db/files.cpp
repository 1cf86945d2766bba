#include "core/db/files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <stdexcept>
#include <system_error>

namespace ponte::db {

void CreatePrivateDirectories(const std::filesystem::path& directory) {
    std::filesystem::path partial;
    for (const auto& part : directory) {
        partial /= part;
        if (std::filesystem::is_directory(partial)) continue;
        if (::mkdir(partial.c_str(), 0700) != 0 && errno != EEXIST) {
            throw std::filesystem::filesystem_error("cannot create the directory", partial,
                                                    std::error_code(errno, std::generic_category()));
        }
    }
}

bool CreatePrivateFile(const std::filesystem::path& file) {
    // Looked for first, so that an existing file on a read-only mount is no error.
    if (std::filesystem::exists(file)) return false;
    if (file.has_parent_path()) CreatePrivateDirectories(file.parent_path());
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        if (errno == EEXIST) return false;
        throw std::runtime_error("cannot create " + file.string() + ": " + std::strerror(errno));
    }
    ::close(fd);
    return true;
}

std::optional<std::string> ExposedSqliteFile(std::string_view url) {
    if (!url.starts_with("sqlite:")) return std::nullopt;
    const std::string path(url.substr(7));
    for (const std::string& file : {path, path + "-wal", path + "-shm"}) {
        struct stat status {};
        if (::stat(file.c_str(), &status) != 0) continue;  // not there (yet): SQLite makes it like the database
        const unsigned mode = status.st_mode & 0777;
        if ((mode & 0077) == 0) continue;
        char octal[8];
        std::snprintf(octal, sizeof octal, "%04o", mode);
        std::string message = "the database file " + file;
        message += " is open to other users of this machine (mode ";
        message += octal;
        message += "), and it holds everything Ponte knows about people: run chmod 600 ";
        message += path;
        message += "*";
        return message;
    }
    return std::nullopt;
}

}  // namespace ponte::db

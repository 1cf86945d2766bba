#include "core/db/sqlite/sqlite_connection.hpp"

#include <sqlite3.h>

#include <charconv>
#include <filesystem>
#include <list>
#include <unordered_map>

#include "core/db/files.hpp"

namespace ponte::db {
namespace {

constexpr std::size_t kStatementCacheSize = 128;

[[noreturn]] void Throw(sqlite3* db, int code, std::string_view context) {
    std::string message = std::string(context) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(code));
    switch (code) {
        case SQLITE_CONSTRAINT_UNIQUE:
        case SQLITE_CONSTRAINT_PRIMARYKEY:
            throw UniqueViolation(message);
        case SQLITE_CONSTRAINT_FOREIGNKEY:
            throw ForeignKeyViolation(message);
        case SQLITE_CONSTRAINT_NOTNULL:
            throw NotNullViolation(message);
        case SQLITE_CONSTRAINT_CHECK:
            throw CheckViolation(message);
        default:
            break;
    }
    switch (code & 0xff) {
        case SQLITE_CONSTRAINT:
            throw ConstraintViolation(message);
        case SQLITE_BUSY:
        case SQLITE_LOCKED:
            throw TransientError(message);
        case SQLITE_CANTOPEN:
        case SQLITE_NOTADB:
        case SQLITE_IOERR:
        case SQLITE_FULL:
        case SQLITE_READONLY:
            throw ConnectionError(message);
        default:
            throw Error(message);
    }
}

class SqliteConnection final : public Connection {
  public:
    SqliteConnection(const std::string& path, std::chrono::milliseconds busy_timeout) {
        // Made here rather than by SQLite, which would create it 0644: the -wal and -shm files
        // SQLite makes later take the database file's mode.
        try {
            if (path != ":memory:") CreatePrivateFile(path);
        } catch (const std::exception& error) {
            throw ConnectionError("cannot open sqlite:" + path + ": " + error.what());
        }
        int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
        int code = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
        if (code != SQLITE_OK) {
            std::string message = "cannot open sqlite:" + path + ": " + sqlite3_errstr(code);
            sqlite3_close_v2(db_);
            db_ = nullptr;
            throw ConnectionError(message);
        }
        sqlite3_extended_result_codes(db_, 1);
        sqlite3_busy_timeout(db_, static_cast<int>(busy_timeout.count()));
        // A page cache of 256 KiB per connection rather than SQLite's 2 MiB: the pages it misses
        // are read again from the operating system's cache, which holds them for every connection
        // at once. At 100,000 cases the case read and the caseload's search answered as many
        // requests a second with 128 KiB, 256 KiB or 1 MiB, and the server's peak RSS was 6 MB
        // lower than with the default (bench/README.md).
        ExecuteScript(
            "PRAGMA journal_mode = WAL;"
            "PRAGMA synchronous = FULL;"
            "PRAGMA foreign_keys = ON;"
            "PRAGMA cache_size = -256;");
    }

    ~SqliteConnection() override {
        for (auto& [sql, entry] : cache_) sqlite3_finalize(entry.statement);
        sqlite3_close_v2(db_);
    }

    SqliteConnection(const SqliteConnection&) = delete;
    SqliteConnection& operator=(const SqliteConnection&) = delete;

    Engine engine() const override { return Engine::kSqlite; }
    bool healthy() const override { return db_ != nullptr; }

    Result Execute(std::string_view sql, std::span<const Value> params) override {
        sqlite3_stmt* statement = Prepare(sql);
        // Reset on every exit path so the statement releases its read snapshot and locks.
        struct ResetGuard {
            sqlite3_stmt* statement;
            ~ResetGuard() {
                sqlite3_reset(statement);
                sqlite3_clear_bindings(statement);
            }
        } guard{statement};

        Bind(statement, sql, params);
        Result result;
        const int columns = sqlite3_column_count(statement);
        for (int c = 0; c < columns; ++c) result.columns.emplace_back(sqlite3_column_name(statement, c));
        for (;;) {
            int code = sqlite3_step(statement);
            if (code == SQLITE_DONE) break;
            if (code != SQLITE_ROW) Throw(db_, sqlite3_extended_errcode(db_), "sqlite step");
            auto& row = result.rows.emplace_back();
            row.reserve(columns);
            for (int c = 0; c < columns; ++c) row.push_back(ColumnValue(statement, c));
        }
        result.affected_rows = sqlite3_changes64(db_);
        return result;
    }

    void ExecuteScript(std::string_view sql) override {
        std::string text(sql);
        char* error = nullptr;
        int code = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error);
        if (code != SQLITE_OK) {
            std::string message = error ? error : sqlite3_errstr(code);
            sqlite3_free(error);
            Throw(nullptr, sqlite3_extended_errcode(db_), "sqlite script: " + message);
        }
    }

  private:
    struct CacheEntry {
        sqlite3_stmt* statement;
        std::list<std::string>::iterator recency;
    };

    sqlite3_stmt* Prepare(std::string_view sql) {
        std::string key(sql);
        if (auto it = cache_.find(key); it != cache_.end()) {
            recency_.splice(recency_.begin(), recency_, it->second.recency);
            return it->second.statement;
        }
        sqlite3_stmt* statement = nullptr;
        int code = sqlite3_prepare_v3(db_, key.data(), static_cast<int>(key.size()), SQLITE_PREPARE_PERSISTENT,
                                      &statement, nullptr);
        if (code != SQLITE_OK) Throw(db_, sqlite3_extended_errcode(db_), "sqlite prepare");
        if (cache_.size() >= kStatementCacheSize) {
            auto oldest = cache_.find(recency_.back());
            sqlite3_finalize(oldest->second.statement);
            cache_.erase(oldest);
            recency_.pop_back();
        }
        recency_.push_front(key);
        cache_.emplace(std::move(key), CacheEntry{statement, recency_.begin()});
        return statement;
    }

    // Binds params[n-1] to each "$n" placeholder, whatever order the placeholders appear in.
    void Bind(sqlite3_stmt* statement, std::string_view sql, std::span<const Value> params) {
        const int count = sqlite3_bind_parameter_count(statement);
        for (int i = 1; i <= count; ++i) {
            const char* name = sqlite3_bind_parameter_name(statement, i);
            std::size_t number = 0;
            std::string_view digits = name ? std::string_view(name).substr(1) : std::string_view{};
            auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), number);
            if (!name || name[0] != '$' || error != std::errc{} || end != digits.data() + digits.size() ||
                number == 0 || number > params.size()) {
                throw std::invalid_argument("placeholder " + std::string(name ? name : "?") +
                                            " has no parameter in: " + std::string(sql));
            }
            const Value& value = params[number - 1];
            int code = std::visit(
                [&](const auto& v) -> int {
                    using T = std::decay_t<decltype(v)>;
                    if constexpr (std::is_same_v<T, std::nullptr_t>)
                        return sqlite3_bind_null(statement, i);
                    else if constexpr (std::is_same_v<T, std::int64_t>)
                        return sqlite3_bind_int64(statement, i, v);
                    else if constexpr (std::is_same_v<T, double>)
                        return sqlite3_bind_double(statement, i, v);
                    else
                        return sqlite3_bind_text64(statement, i, v.data(), v.size(), SQLITE_STATIC, SQLITE_UTF8);
                },
                value);
            if (code != SQLITE_OK) Throw(db_, code, "sqlite bind");
        }
    }

    static Value ColumnValue(sqlite3_stmt* statement, int column) {
        switch (sqlite3_column_type(statement, column)) {
            case SQLITE_NULL:
                return nullptr;
            case SQLITE_INTEGER:
                return static_cast<std::int64_t>(sqlite3_column_int64(statement, column));
            case SQLITE_FLOAT:
                return sqlite3_column_double(statement, column);
            default: {
                const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement, column));
                return std::string(text ? text : "", static_cast<std::size_t>(sqlite3_column_bytes(statement, column)));
            }
        }
    }

    sqlite3* db_ = nullptr;
    std::unordered_map<std::string, CacheEntry> cache_;
    std::list<std::string> recency_;  // most recently used first
};

}  // namespace

std::unique_ptr<Connection> OpenSqlite(const std::string& path, std::chrono::milliseconds busy_timeout) {
    // Before SQLite starts: without the statistics of its memory use, which every allocation of
    // every connection would otherwise update under one process-wide mutex (the caseload's search
    // under load spent a sixth of its time in SQLite's allocations, most of it on that mutex).
    static const int configured = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    (void)configured;
    return std::make_unique<SqliteConnection>(path, busy_timeout);
}

}  // namespace ponte::db

// The one storage interface. Two engines implement Connection: SQLite (core/db/sqlite/) and
// PostgreSQL (core/db/postgres/); nothing outside core/db knows which one runs.
//
// SQL is written once, with $1, $2, ... placeholders, which both engines accept. Where the
// engines differ, core/db/dialect.hpp has one named function per need.
//
// Threading: a Database is shared by all threads. A Connection is used by one thread at a time,
// obtained with Database::Acquire() and returned to the pool when the Lease is destroyed.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/db/errors.hpp"

namespace ponte::db {

enum class Engine { kSqlite, kPostgres };

std::string_view EngineName(Engine engine);

// A bound parameter or a column value. Booleans are stored as 0/1 integers on both engines.
using Value = std::variant<std::nullptr_t, std::int64_t, double, std::string>;

// An optional reference bound as a parameter: 0 (no such record) is stored as NULL.
inline Value NullIfZero(std::int64_t id) { return id == 0 ? Value{nullptr} : Value{id}; }

// The rows a statement returned, fully read, plus how many rows it changed.
class Result {
  public:
    std::vector<std::string> columns;
    std::vector<std::vector<Value>> rows;
    std::int64_t affected_rows = 0;

    bool empty() const { return rows.empty(); }
    std::size_t size() const { return rows.size(); }
    bool IsNull(std::size_t row, std::size_t column) const;
    // Typed access; throws db::Error when the value has another type (a bug in the caller's SQL).
    std::int64_t Int(std::size_t row, std::size_t column) const;
    double Real(std::size_t row, std::size_t column) const;
    const std::string& Text(std::size_t row, std::size_t column) const;
};

class Connection {
  public:
    virtual ~Connection() = default;
    virtual Engine engine() const = 0;

    // Runs one statement with $n placeholders bound to params[n-1]. Prepared statements are
    // cached per connection. Throws a db::Error subtype on failure.
    virtual Result Execute(std::string_view sql, std::span<const Value> params) = 0;
    Result Execute(std::string_view sql, std::initializer_list<Value> params = {}) {
        return Execute(sql, std::span<const Value>(params.begin(), params.size()));
    }

    // Runs several statements without parameters (migrations). Throws on the first failure.
    virtual void ExecuteScript(std::string_view sql) = 0;

    // False once the connection is unusable (server gone); the pool then discards it.
    virtual bool healthy() const = 0;
};

struct PoolStats {
    std::size_t size = 0;        // connections open
    std::size_t in_use = 0;      // leased right now
    std::size_t capacity = 0;    // maximum connections
    std::uint64_t waits = 0;     // acquisitions that had to wait for a free connection
    std::uint64_t timeouts = 0;  // acquisitions that gave up
};

struct Options {
    std::size_t pool_size = 8;
    std::chrono::milliseconds acquire_timeout{5000};
    std::chrono::milliseconds busy_timeout{5000};  // SQLite: how long a writer waits for the lock
};

class Database;

// A connection borrowed from the pool; returned (or discarded when unhealthy) on destruction.
class Lease {
  public:
    Lease(Database* owner, std::unique_ptr<Connection> connection);
    Lease(Lease&& other) noexcept;
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    ~Lease();
    Connection* operator->() const { return connection_.get(); }
    Connection& operator*() const { return *connection_; }

  private:
    Database* owner_;
    std::unique_ptr<Connection> connection_;
};

class Database {
  public:
    using Factory = std::function<std::unique_ptr<Connection>()>;

    // Opens "sqlite:PATH" or "postgresql://..." (also "postgres://..."). Opens one connection at
    // once, so a wrong URL fails here; throws std::invalid_argument for a malformed URL and
    // db::ConnectionError when the database cannot be reached.
    static std::unique_ptr<Database> Open(std::string_view url, const Options& options = {});

    Database(Engine engine, Factory factory, const Options& options);
    ~Database();

    Engine engine() const { return engine_; }

    // Borrows a connection, opening one while below capacity, else waiting up to the acquire
    // timeout; throws db::TransientError("pool exhausted") after that.
    Lease Acquire();

    PoolStats Stats() const;

    // Runs `work(connection)` inside a transaction and commits; rolls back and rethrows on any
    // exception. Retries the whole transaction, up to `attempts` times, on db::TransientError.
    // `work` must therefore have no effect outside the database.
    template <typename Work>
    auto Transact(Work&& work, int attempts = 3) -> decltype(work(std::declval<Connection&>()));

  private:
    friend class Lease;
    void Release(std::unique_ptr<Connection> connection);
    void Begin(Connection& connection);
    // Rolls back if a transaction is open. A rollback that fails (connection lost) leaves an
    // unhealthy connection, which the pool discards; the caller's original error is the one
    // worth reporting, so this never throws.
    static void RollbackQuietly(Connection& connection) noexcept;

    Engine engine_;
    Factory factory_;
    Options options_;
    mutable std::mutex mutex_;
    std::condition_variable available_;
    std::vector<std::unique_ptr<Connection>> idle_;
    std::size_t open_ = 0;
    std::size_t in_use_ = 0;
    std::uint64_t waits_ = 0;
    std::uint64_t timeouts_ = 0;
};

template <typename Work>
auto Database::Transact(Work&& work, int attempts) -> decltype(work(std::declval<Connection&>())) {
    for (int attempt = 1;; ++attempt) {
        Lease connection = Acquire();
        Begin(*connection);
        try {
            if constexpr (std::is_void_v<decltype(work(*connection))>) {
                work(*connection);
                connection->Execute("COMMIT");
                return;
            } else {
                auto result = work(*connection);
                connection->Execute("COMMIT");
                return result;
            }
        } catch (const TransientError&) {
            RollbackQuietly(*connection);
            if (attempt >= attempts) throw;
        } catch (...) {
            RollbackQuietly(*connection);
            throw;
        }
    }
}

}  // namespace ponte::db

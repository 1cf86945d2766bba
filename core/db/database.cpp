#include "core/db/database.hpp"

#include <stdexcept>

#include "core/db/dialect.hpp"
#include "core/db/postgres/postgres_connection.hpp"
#include "core/db/sqlite/sqlite_connection.hpp"

namespace ponte::db {

std::string_view EngineName(Engine engine) {
    switch (engine) {
        case Engine::kSqlite:
            return "sqlite";
        case Engine::kPostgres:
            return "postgresql";
    }
    return "unknown";
}

bool Result::IsNull(std::size_t row, std::size_t column) const {
    return std::holds_alternative<std::nullptr_t>(rows.at(row).at(column));
}

std::int64_t Result::Int(std::size_t row, std::size_t column) const {
    const Value& value = rows.at(row).at(column);
    if (const auto* number = std::get_if<std::int64_t>(&value)) return *number;
    throw Error("column " + columns.at(column) + " is not an integer");
}

double Result::Real(std::size_t row, std::size_t column) const {
    const Value& value = rows.at(row).at(column);
    if (const auto* number = std::get_if<double>(&value)) return *number;
    if (const auto* number = std::get_if<std::int64_t>(&value)) return static_cast<double>(*number);
    throw Error("column " + columns.at(column) + " is not a number");
}

const std::string& Result::Text(std::size_t row, std::size_t column) const {
    const Value& value = rows.at(row).at(column);
    if (const auto* text = std::get_if<std::string>(&value)) return *text;
    throw Error("column " + columns.at(column) + " is not text");
}

Lease::Lease(Database* owner, std::unique_ptr<Connection> connection)
    : owner_(owner), connection_(std::move(connection)) {}

Lease::Lease(Lease&& other) noexcept : owner_(other.owner_), connection_(std::move(other.connection_)) {}

Lease::~Lease() {
    if (connection_) owner_->Release(std::move(connection_));
}

std::unique_ptr<Database> Database::Open(std::string_view url, const Options& options) {
    std::unique_ptr<Database> database;
    if (url.starts_with("sqlite:")) {
        std::string path(url.substr(7));
        if (path.empty()) throw std::invalid_argument("sqlite URL has no path: expected sqlite:PATH");
        auto busy_timeout = options.busy_timeout;
        database = std::make_unique<Database>(
            Engine::kSqlite, [path, busy_timeout] { return OpenSqlite(path, busy_timeout); }, options);
    } else if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
        std::string conninfo(url);
        database = std::make_unique<Database>(
            Engine::kPostgres, [conninfo] { return OpenPostgres(conninfo); }, options);
    } else {
        throw std::invalid_argument("database URL must start with sqlite: or postgresql://");
    }
    database->Acquire();  // connect once now so that a bad URL fails at start
    return database;
}

Database::Database(Engine engine, Factory factory, const Options& options)
    : engine_(engine), factory_(std::move(factory)), options_(options) {
    if (options_.pool_size == 0) throw std::invalid_argument("pool size must be at least 1");
}

Database::~Database() = default;

Lease Database::Acquire() {
    std::unique_lock lock(mutex_);
    bool waited = false;
    auto deadline = std::chrono::steady_clock::now() + options_.acquire_timeout;
    while (idle_.empty() && open_ >= options_.pool_size) {
        waited = true;
        if (available_.wait_until(lock, deadline) == std::cv_status::timeout && idle_.empty() &&
            open_ >= options_.pool_size) {
            ++timeouts_;
            throw TransientError("connection pool exhausted");
        }
    }
    if (waited) ++waits_;
    ++in_use_;
    if (!idle_.empty()) {
        auto connection = std::move(idle_.back());
        idle_.pop_back();
        return {this, std::move(connection)};
    }
    ++open_;
    lock.unlock();
    try {
        return {this, factory_()};
    } catch (...) {
        lock.lock();
        --open_;
        --in_use_;
        available_.notify_one();
        throw;
    }
}

void Database::Release(std::unique_ptr<Connection> connection) {
    std::lock_guard lock(mutex_);
    --in_use_;
    if (connection->healthy()) {
        idle_.push_back(std::move(connection));
    } else {
        --open_;  // dropped; the next Acquire opens a fresh one
    }
    available_.notify_one();
}

PoolStats Database::Stats() const {
    std::lock_guard lock(mutex_);
    return {open_, in_use_, options_.pool_size, waits_, timeouts_};
}

void Database::Begin(Connection& connection) { connection.Execute(dialect::BeginWrite(engine_)); }

void Database::RollbackQuietly(Connection& connection) noexcept {
    try {
        if (connection.healthy()) connection.ExecuteScript("ROLLBACK");
    } catch (const std::exception&) {
        // Nothing to add: see the declaration.
    }
}

}  // namespace ponte::db

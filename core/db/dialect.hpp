// Where SQLite and PostgreSQL differ, one named function per need, each with both answers.
#pragma once

#include <string>
#include <string_view>

#include "core/db/database.hpp"

namespace ponte::db::dialect {

// Starts a transaction that will write. SQLite takes the write lock at once (BEGIN IMMEDIATE),
// so two writers never deadlock on a lock upgrade; PostgreSQL locks per row.
constexpr std::string_view BeginWrite(Engine engine) { return engine == Engine::kSqlite ? "BEGIN IMMEDIATE" : "BEGIN"; }

// Within a transaction, serializes schema migrations between processes. SQLite's write lock
// (BEGIN IMMEDIATE) already does; PostgreSQL takes a transaction-scoped advisory lock.
constexpr std::string_view LockMigrations(Engine engine) {
    return engine == Engine::kSqlite ? "SELECT 1" : "SELECT pg_advisory_xact_lock(7365812)";
}

// The column type of a generated 64-bit primary key: SQLite's rowid alias (AUTOINCREMENT, so
// that ids are never reused) or PostgreSQL's identity column.
constexpr std::string_view IdentityPrimaryKey(Engine engine) {
    return engine == Engine::kSqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT"
                                     : "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY";
}

// A migration shared by both engines writes `{{identity}}` for a generated primary key's type;
// this expands it for `engine`. Other types are written once: BIGINT and TEXT mean the same on
// both (SQLite gives BIGINT integer affinity).
std::string ExpandSchema(Engine engine, std::string_view sql);

}  // namespace ponte::db::dialect

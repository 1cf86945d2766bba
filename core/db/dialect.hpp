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

// Claims the next due job for worker $1 until epoch-millisecond $3, where $2 is now; returns
// (id, kind, payload, attempts). On PostgreSQL, SKIP LOCKED lets several instances claim
// concurrently without ever taking the same row; on SQLite, the single writer serializes claims.
constexpr std::string_view ClaimJob(Engine engine) {
    return engine == Engine::kSqlite
               ? "UPDATE jobs SET status = 'running', locked_by = $1, locked_until = $3, attempts = attempts + 1 "
                 "WHERE id = (SELECT id FROM jobs WHERE (status = 'queued' AND run_at <= $2) "
                 "OR (status = 'running' AND locked_until < $2) ORDER BY run_at, id LIMIT 1) "
                 "RETURNING id, kind, payload, attempts"
               : "UPDATE jobs SET status = 'running', locked_by = $1, locked_until = $3, attempts = attempts + 1 "
                 "WHERE id = (SELECT id FROM jobs WHERE (status = 'queued' AND run_at <= $2) "
                 "OR (status = 'running' AND locked_until < $2) ORDER BY run_at, id LIMIT 1 "
                 "FOR UPDATE SKIP LOCKED) "
                 "RETURNING id, kind, payload, attempts";
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

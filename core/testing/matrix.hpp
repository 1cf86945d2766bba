// The authorization matrix, row by row: each module declares the rows of its routes beside its
// API tests, with the factories of the records its paths name. app/routes_apitest.cpp sends every
// route as every actor, on an own and on a foreign record (and, for records with a team, on one
// of the own organization that the actor is not assigned to), and fails for a route without a row.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>

#include "core/db/database.hpp"
#include "core/testing/identities.hpp"

namespace ponte::testing {

// One letter per actor, in the order of Identities::actors() (anonymous, participant,
// community_member, mentor, case_worker, trainer, coordinator, org_admin, network_coordinator,
// platform_admin): 'A' = allowed (any status but 401, 403, 404 and 5xx), 'D' = denied (401, 403,
// or 404 for a foreign record, which must not reveal that it exists).
struct MatrixRow {
    // On a record of the own organization (one the actor is assigned to, for records with a
    // team), or on no record at all.
    std::string own;
    std::string foreign;  // on a record of the foreign organization; empty for routes without one
    // For a route that names records in its body: a valid body with "{param}" placeholders,
    // filled like the path's. Every route whose request schema has an "*_id" property needs one.
    std::string body_ids = "";
    // For a route on a record with a team (a case): on a record of the own organization that the
    // actor is not assigned to. Denied exactly like a missing record, but to whom the policy gives
    // the whole organization (coordinators). Empty for routes on records without a team.
    std::string unassigned = "";
};

// Which record a factory makes.
enum class Reach {
    kOwn,         // of the own organization; with a team, every actor of it is in the team
    kUnassigned,  // of the own organization, with a team of none of the actors
    kForeign,     // of the foreign organization
};

inline constexpr std::string_view kEveryone = "AAAAAAAAAA";
inline constexpr std::string_view kSignedIn = "DAAAAAAAAA";

// A record's id as a path or a body names it: a number, or a text (an HSDS id is a UUID).
struct RecordId {
    RecordId(std::int64_t id) : text(std::to_string(id)) {}  // NOLINT(google-explicit-constructor)
    RecordId(std::string id) : text(std::move(id)) {}        // NOLINT(google-explicit-constructor)
    std::string text;
};

// Makes a new record for a path parameter ("case_id") as `reach` says, and returns its id. Records
// without a team make kUnassigned as kOwn.
using RecordFactory = std::function<RecordId(Identities& world, db::Database& database, Reach reach)>;

struct MatrixRows {
    std::map<std::string, MatrixRow, std::less<>> rows;         // by operation id
    std::map<std::string, RecordFactory, std::less<>> records;  // by path parameter
    // The path parameters of `records` whose records have a team: every route that names one has
    // an `unassigned` column.
    std::set<std::string, std::less<>> with_team = {};
};

// Adds a module's rows (at static initialization: `const bool kRows = DeclareMatrixRows({...});`).
// Returns true. Aborts on an operation or parameter declared twice.
bool DeclareMatrixRows(MatrixRows rows);

// Every module's rows, merged.
const MatrixRows& DeclaredMatrixRows();

}  // namespace ponte::testing

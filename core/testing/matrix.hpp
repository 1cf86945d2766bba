// The authorization matrix, row by row: each module declares the rows of its routes beside its
// API tests, with the factories of the records its paths name. app/routes_apitest.cpp sends every
// route as every actor, on an own and on a foreign record, and fails for a route without a row.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
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
    std::string own;      // on a record of the own organization, or on no record at all
    std::string foreign;  // on a record of the foreign organization; empty for routes without one
    // For a route that names records in its body: a valid body with "{param}" placeholders,
    // filled like the path's. Every route whose request schema has an "*_id" property needs one.
    std::string body_ids = "";
};

inline constexpr std::string_view kEveryone = "AAAAAAAAAA";
inline constexpr std::string_view kSignedIn = "DAAAAAAAAA";

// Makes a new record for a path parameter ("case_id") in the own or the foreign organization of
// `world`, and returns its id.
using RecordFactory = std::function<std::int64_t(Identities& world, db::Database& database, bool foreign)>;

struct MatrixRows {
    std::map<std::string, MatrixRow, std::less<>> rows;         // by operation id
    std::map<std::string, RecordFactory, std::less<>> records;  // by path parameter
};

// Adds a module's rows (at static initialization: `const bool kRows = DeclareMatrixRows({...});`).
// Returns true. Aborts on an operation or parameter declared twice.
bool DeclareMatrixRows(MatrixRows rows);

// Every module's rows, merged.
const MatrixRows& DeclaredMatrixRows();

}  // namespace ponte::testing

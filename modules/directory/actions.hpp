// The directory's use cases: importing HSDS (all or nothing, the same ids updated), and reading it
// as the HSDS API answers.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/crypto/keyring.hpp"
#include "core/db/database.hpp"
#include "core/outcome.hpp"
#include "core/registry.hpp"
#include "modules/directory/model.hpp"
#include "modules/directory/store.hpp"
#include "modules/directory/tabular.hpp"

namespace ponte::directory {

// What the routes share: null only in a registry that describes, whose handlers never run.
struct Module {
    db::Database* database_or_null;
    const crypto::Keyring* keyring_or_null;
    core::Deployment deployment;
    db::Database& database() const { return *database_or_null; }
    const crypto::Keyring& keyring() const { return *keyring_or_null; }
};

struct ImportResult {
    // Empty when everything was written; else nothing was.
    std::vector<Problem> problems;
    // How many records of each table the input held, in Table order.
    std::vector<std::int64_t> records;
};

// Writes every record `reading` holds in one transaction, each under its HSDS id (a record
// imported again is updated, never doubled), or none of them: when the reading has problems, or
// when a record names one (a service's organization, a term's taxonomy) that neither the input
// nor the directory holds ("not_found").
ImportResult ImportDirectory(db::Database& database, const crypto::Keyring& keyring, Reading reading,
                             std::string_view file, std::int64_t now);

// The same within the caller's transaction (the demo seed's): throws ImportRefused, with the
// problems, when a record names one that neither the input nor the directory holds, and the
// caller's transaction must then be rolled back. Precondition: `reading` has no problems.
struct ImportRefused {
    std::vector<Problem> problems;
};
void ImportInto(db::Connection& connection, const crypto::Keyring& keyring, const Directory& in, std::string_view file,
                std::int64_t now);

// The same for a tabular data package (ReadTabular) named `package`: every problem at its file,
// row and column.
ImportResult ImportTabular(db::Database& database, const crypto::Keyring& keyring, std::string_view package,
                           const std::vector<TabularFile>& files, std::int64_t now);

// The whole directory as a public reader may see it (ExportJson), read at one moment.
boost::json::object ExportDirectory(db::Database& database, const crypto::Keyring& keyring);

// The fully nested service of the HSDS API, as a public reader sees it.
std::optional<boost::json::object> ReadService(const Module& module, std::string_view hsds_id);

// A service as the app shows it to anyone, at `now`: its words, its organization, its categories
// and languages, how to reach it, and each of its places with its address (none for a
// confidential one), its time zone, its weekly hours and whether it is open.
std::optional<boost::json::object> ReadServiceView(const Module& module, std::string_view hsds_id, std::int64_t now_ms);

// The organization of the HSDS API, with the services it provides (their own fields).
std::optional<boost::json::object> ReadOrganization(const Module& module, std::string_view hsds_id);

}  // namespace ponte::directory

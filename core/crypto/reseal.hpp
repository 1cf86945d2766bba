// Re-sealing after a key rotation: every value of every declared sealed column that names an
// older key is opened and sealed again under the current one, row by row, each in its own
// transaction, so that an interrupted run loses nothing and may simply be run again.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/crypto/keyring.hpp"
#include "core/db/database.hpp"

namespace ponte::crypto {

// A column of sealed values; each value's context is FieldContext(context_table, column,
// <id column>).
struct SealedColumn {
    std::string table;
    std::string id_column;  // an integer key of the row
    std::string column;
    // The table the values are bound to, when not `table`: a value stays bound to the table it was
    // first sealed in, so a table that was renamed keeps its former name here.
    std::string context_table;

    const std::string& ContextTable() const { return context_table.empty() ? table : context_table; }
};

struct ResealReport {
    std::int64_t resealed = 0;  // values now under the current key
    std::int64_t current = 0;   // values that were under it already
};

// Precondition: the names are the module's own constants (they are spliced into SQL).
ResealReport Reseal(db::Database& database, const Keyring& keyring, const std::vector<SealedColumn>& columns);

// A file sealed as a stream (Keyring::SealStream), with the context it was sealed under.
struct SealedFile {
    std::filesystem::path path;
    std::string context;
};

// The sealed files a module keeps, as its rows name them: `list` reads them on the connection.
struct SealedFiles {
    std::string name;  // for messages: "case documents"
    std::function<std::vector<SealedFile>(db::Connection&)> list;
};

// Every listed file still under an older key is sealed again under the current one, into a new
// file beside it that then replaces it (a rename: a reader sees the old file or the new, whole),
// so that an interrupted run leaves every file readable and may simply be run again. A listed
// file that is gone (erased since it was listed) is skipped. Throws SealError for a file that does
// not open, naming it; the files resealed before it stay resealed.
ResealReport ResealFiles(db::Database& database, const Keyring& keyring, const std::vector<SealedFiles>& sources);

}  // namespace ponte::crypto

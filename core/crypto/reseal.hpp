// Re-sealing after a key rotation: every value of every declared sealed column that names an
// older key is opened and sealed again under the current one, row by row, each in its own
// transaction, so that an interrupted run loses nothing and may simply be run again.
#pragma once

#include <cstdint>
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

}  // namespace ponte::crypto

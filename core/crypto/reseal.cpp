#include "core/crypto/reseal.hpp"

namespace ponte::crypto {

ResealReport Reseal(db::Database& database, const Keyring& keyring, const std::vector<SealedColumn>& columns) {
    ResealReport report;
    for (const auto& column : columns) {
        const std::string select = "SELECT " + column.id_column + ", " + column.column + " FROM " + column.table +
                                   " WHERE " + column.column + " IS NOT NULL ORDER BY " + column.id_column;
        // Only the row whose value is still the one read is updated: a concurrent write wins.
        const std::string update = "UPDATE " + column.table + " SET " + column.column + " = $2 WHERE " +
                                   column.id_column + " = $1 AND " + column.column + " = $3";
        db::Result rows = [&] {
            db::Lease connection = database.Acquire();
            return connection->Execute(select);
        }();
        for (std::size_t row = 0; row < rows.size(); ++row) {
            const std::int64_t id = rows.Int(row, 0);
            const std::string& sealed = rows.Text(row, 1);
            if (Keyring::KeyIdOf(sealed) == keyring.current_id()) {
                ++report.current;
                continue;
            }
            const std::string context = FieldContext(column.ContextTable(), column.column, id);
            const std::string resealed = keyring.Seal(keyring.Open(sealed, context), context);
            database.Transact([&](db::Connection& connection) { connection.Execute(update, {id, resealed, sealed}); });
            ++report.resealed;
        }
    }
    return report;
}

}  // namespace ponte::crypto

#include "core/accounts/access_resets.hpp"

#include "core/db/database.hpp"

namespace ponte::accounts {
namespace {

constexpr std::string_view kInsert =
    "INSERT INTO accounts_access_resets (user_id, by_user_id, reason, created_at) VALUES ($1, $2, $3, $4)";
constexpr std::string_view kSelectRecent =
    "SELECT r.created_at, COALESCE(u.display_name, ''), r.reason FROM accounts_access_resets r "
    "LEFT JOIN accounts_users u ON u.id = r.by_user_id WHERE r.user_id = $1 AND r.created_at > $2 "
    "ORDER BY r.created_at DESC, r.id DESC";

std::string Context(std::int64_t user_id) { return crypto::FieldContext(kAccessResetContextTable, "reason", user_id); }

}  // namespace

void RecordAccessReset(db::Connection& connection, const crypto::Keyring& keyring, std::int64_t user_id,
                       std::int64_t by_user_id, std::string_view reason, std::int64_t now_ms) {
    connection.Execute(kInsert, {user_id, db::NullIfZero(by_user_id), keyring.Seal(reason, Context(user_id)), now_ms});
}

boost::json::array RecentAccessResets(db::Connection& connection, const crypto::Keyring& keyring, std::int64_t user_id,
                                      std::int64_t now_ms) {
    auto rows = connection.Execute(kSelectRecent, {user_id, now_ms - kAccessResetNoticePeriod.count()});
    boost::json::array out;
    for (std::size_t row = 0; row < rows.size(); ++row) {
        out.push_back({{"at", rows.Int(row, 0)},
                       {"by", rows.Text(row, 1)},
                       {"reason", keyring.Open(rows.Text(row, 2), Context(user_id))}});
    }
    return out;
}

}  // namespace ponte::accounts

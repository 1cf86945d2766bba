#include "modules/consents/store.hpp"

#include <string>

namespace ponte::consents {
namespace {

constexpr std::string_view kLatest =
    "SELECT given FROM consents_decisions WHERE user_id = $1 AND purpose = $2 ORDER BY id DESC LIMIT 1";
constexpr std::string_view kInsert =
    "INSERT INTO consents_decisions (user_id, purpose, given, method, recorded_at, recorded_by) "
    "VALUES ($1, $2, $3, $4, $5, $6)";
constexpr std::string_view kHistory =
    "SELECT purpose, given, method, recorded_at, recorded_by FROM consents_decisions WHERE user_id = $1 ORDER BY id";

constexpr std::string_view kCountGiven =
    "SELECT COUNT(*) FROM consents_decisions d WHERE d.purpose = $1 AND d.given = 1 AND d.id = "
    "(SELECT MAX(l.id) FROM consents_decisions l WHERE l.user_id = d.user_id AND l.purpose = d.purpose)";

}  // namespace

std::int64_t CountGiven(db::Connection& connection, std::string_view purpose) {
    return connection.Execute(kCountGiven, {std::string(purpose)}).Int(0, 0);
}

std::optional<bool> LatestDecision(db::Connection& connection, std::int64_t user_id, std::string_view purpose) {
    auto rows = connection.Execute(kLatest, {user_id, std::string(purpose)});
    if (rows.empty()) return std::nullopt;
    return rows.Int(0, 0) != 0;
}

void InsertDecision(db::Connection& connection, std::int64_t user_id, const Decision& decision) {
    connection.Execute(kInsert, {user_id, decision.purpose, std::int64_t{decision.given ? 1 : 0}, decision.method,
                                 decision.recorded_at, db::NullIfZero(decision.recorded_by)});
}

std::vector<Decision> DecisionsOf(db::Connection& connection, std::int64_t user_id) {
    auto rows = connection.Execute(kHistory, {user_id});
    std::vector<Decision> out;
    for (std::size_t row = 0; row < rows.size(); ++row) {
        out.push_back({.purpose = rows.Text(row, 0),
                       .given = rows.Int(row, 1) != 0,
                       .method = rows.Text(row, 2),
                       .recorded_at = rows.Int(row, 3),
                       .recorded_by = rows.IsNull(row, 4) ? 0 : rows.Int(row, 4)});
    }
    return out;
}

}  // namespace ponte::consents

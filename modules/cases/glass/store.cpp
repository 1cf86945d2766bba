#include "modules/cases/glass/store.hpp"

namespace ponte::cases {
namespace {

constexpr std::string_view kInsertBreak =
    "INSERT INTO cases_glass_breaks (case_id, user_id, reason, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)";
constexpr std::string_view kSelectBreakers =
    "SELECT DISTINCT user_id FROM cases_glass_breaks WHERE case_id = $1 AND expires_at > $2 ORDER BY user_id";

}  // namespace

std::string GlassReasonContext(std::int64_t case_id) {
    return crypto::FieldContext("cases_glass_breaks", "reason", case_id);
}

std::int64_t BreakGlass(db::Connection& connection, const crypto::Keyring& keyring, std::int64_t case_id,
                        std::int64_t user_id, std::string_view reason, std::int64_t now_ms) {
    const std::int64_t expires = now_ms + kGlassHours * 3'600'000;
    connection.Execute(kInsertBreak,
                       {case_id, user_id, keyring.Seal(reason, GlassReasonContext(case_id)), now_ms, expires});
    return expires;
}

std::vector<std::int64_t> GlassBreakers(db::Connection& connection, std::int64_t case_id, std::int64_t now_ms) {
    auto rows = connection.Execute(kSelectBreakers, {case_id, now_ms});
    std::vector<std::int64_t> out;
    for (std::size_t row = 0; row < rows.size(); ++row) out.push_back(rows.Int(row, 0));
    return out;
}

std::string GlassPredicate(std::string_view case_id, std::string_view user, std::string_view now) {
    return "EXISTS (SELECT 1 FROM cases_glass_breaks g WHERE g.case_id = " + std::string(case_id) +
           " AND g.user_id = " + std::string(user) + " AND g.expires_at > " + std::string(now) + ")";
}

}  // namespace ponte::cases

#include "modules/cases/her/store.hpp"

namespace ponte::cases {
namespace {

constexpr std::string_view kSelectCasesOfAccount =
    "SELECT c.id FROM cases_cases c JOIN cases_women w ON w.id = c.woman_id "
    "WHERE w.user_id = $1 AND c.state <> 'referred' AND c.anonymized_at IS NULL ORDER BY c.opened_at DESC, c.id DESC";
constexpr std::string_view kSelectWomanOfAccount =
    "SELECT id FROM cases_women WHERE organization_id = $1 AND user_id = $2 ORDER BY id LIMIT 1";
// A participant who is not also staff of the organization: a worker's own account never reads a
// case through her own view.
constexpr std::string_view kSelectParticipant =
    "SELECT u.display_name FROM accounts_users u JOIN tenancy_memberships m ON m.user_id = u.id "
    "WHERE u.id = $1 AND m.organization_id = $2 AND m.role = 'participant' AND u.erased_at IS NULL "
    "AND u.disabled = 0 AND NOT EXISTS (SELECT 1 FROM tenancy_memberships s WHERE s.user_id = u.id "
    "AND s.organization_id = $2 AND s.role IN ('mentor', 'case_worker', 'trainer', 'coordinator', 'org_admin'))";
constexpr std::string_view kLinkAccount = "UPDATE cases_women SET user_id = $2, updated_at = $3 WHERE id = $1";
constexpr std::string_view kSelectOrganizationName = "SELECT name FROM tenancy_organizations WHERE id = $1";

}  // namespace

std::vector<std::int64_t> CasesOfAccount(db::Connection& connection, std::int64_t user_id) {
    auto rows = connection.Execute(kSelectCasesOfAccount, {user_id});
    std::vector<std::int64_t> out;
    for (std::size_t row = 0; row < rows.size(); ++row) out.push_back(rows.Int(row, 0));
    return out;
}

std::optional<std::int64_t> WomanOfAccount(db::Connection& connection, std::int64_t organization_id,
                                           std::int64_t user_id) {
    auto rows = connection.Execute(kSelectWomanOfAccount, {organization_id, user_id});
    if (rows.empty()) return std::nullopt;
    return rows.Int(0, 0);
}

std::optional<std::string> FindParticipant(db::Connection& connection, std::int64_t organization_id,
                                           std::int64_t user_id) {
    auto rows = connection.Execute(kSelectParticipant, {user_id, organization_id});
    if (rows.empty()) return std::nullopt;
    return rows.Text(0, 0);
}

void LinkAccount(db::Connection& connection, std::int64_t woman_id, std::int64_t user_id, std::int64_t now_ms) {
    connection.Execute(kLinkAccount, {woman_id, user_id == 0 ? db::Value(nullptr) : db::Value(user_id), now_ms});
}

std::string OrganizationName(db::Connection& connection, std::int64_t organization_id) {
    auto rows = connection.Execute(kSelectOrganizationName, {organization_id});
    return rows.empty() ? std::string() : rows.Text(0, 0);
}

}  // namespace ponte::cases

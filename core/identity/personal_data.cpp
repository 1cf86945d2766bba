#include "core/identity/personal_data.hpp"

#include "core/accounts/store.hpp"
#include "core/tenancy/store.hpp"
#include "core/throttle/throttle.hpp"

namespace ponte::identity {
namespace {

constexpr std::string_view kSelectAccount =
    "SELECT id, COALESCE(email, ''), display_name, locale, disabled, created_at, updated_at, erased_at "
    "FROM accounts_users WHERE id = $1";
constexpr std::string_view kSelectMemberships =
    "SELECT m.role, m.organization_id, COALESCE(o.name, ''), m.network_id, COALESCE(n.name, ''), m.created_at "
    "FROM tenancy_memberships m LEFT JOIN tenancy_organizations o ON o.id = m.organization_id "
    "LEFT JOIN tenancy_networks n ON n.id = m.network_id WHERE m.user_id = $1 ORDER BY m.id";
constexpr std::string_view kSelectSessions =
    "SELECT created_at, last_seen_at, expires_at, remote, user_agent, second_factor_at FROM authentication_sessions "
    "WHERE user_id = $1 ORDER BY created_at";
constexpr std::string_view kSelectTotp = "SELECT created_at, confirmed_at FROM authentication_totp WHERE user_id = $1";
constexpr std::string_view kCountRecoveryCodes =
    "SELECT COUNT(*) FROM authentication_recovery_codes WHERE user_id = $1 AND used_at IS NULL";
constexpr std::string_view kSelectInvitations =
    "SELECT created_at, expires_at, used_at FROM accounts_invitations WHERE user_id = $1 ORDER BY created_at";
constexpr std::string_view kSelectAccessResets =
    "SELECT created_at FROM accounts_access_resets WHERE user_id = $1 ORDER BY created_at";
constexpr std::string_view kSelectJoined =
    "SELECT organization_id, role, used_at FROM tenancy_membership_invitations WHERE used_by = $1 ORDER BY used_at";
constexpr std::string_view kSelectResets =
    "SELECT created_at, expires_at, used_at FROM authentication_password_resets WHERE user_id = $1 ORDER BY created_at";

constexpr std::string_view kEraseStatements[] = {
    "DELETE FROM authentication_sessions WHERE user_id = $1",
    "DELETE FROM authentication_totp WHERE user_id = $1",
    "DELETE FROM authentication_recovery_codes WHERE user_id = $1",
    "DELETE FROM accounts_invitations WHERE user_id = $1",
    "DELETE FROM authentication_password_resets WHERE user_id = $1",
    "DELETE FROM accounts_access_resets WHERE user_id = $1",
    // Codes she spent or made stay as the organization's record, without her.
    "UPDATE tenancy_membership_invitations SET used_by = NULL WHERE used_by = $1",
    "UPDATE tenancy_membership_invitations SET created_by = NULL WHERE created_by = $1",
    "UPDATE accounts_access_resets SET by_user_id = NULL WHERE by_user_id = $1",
};
constexpr std::string_view kDeleteThrottleKeys = "DELETE FROM throttle_keys WHERE key IN ($1, $2, $3)";
// The (account, address) pairs: every key that starts with the account's pair prefix.
constexpr std::string_view kDeletePairKeys =
    "DELETE FROM throttle_keys WHERE substr(key, 1, length(CAST($1 AS TEXT))) = CAST($1 AS TEXT)";
constexpr std::string_view kAnonymize =
    "UPDATE accounts_users SET email = NULL, display_name = '', password_hash = NULL, locale = '', disabled = 1, "
    "erased_at = $2, updated_at = $2 WHERE id = $1";

boost::json::value Optional(const db::Result& rows, std::size_t row, std::size_t column) {
    if (rows.IsNull(row, column)) return nullptr;
    return rows.Int(row, column);
}

boost::json::array Times(db::Connection& connection, std::string_view sql, std::int64_t user_id) {
    auto rows = connection.Execute(sql, {user_id});
    boost::json::array out;
    for (std::size_t row = 0; row < rows.size(); ++row) {
        out.push_back(
            {{"created_at", rows.Int(row, 0)}, {"expires_at", rows.Int(row, 1)}, {"used_at", Optional(rows, row, 2)}});
    }
    return out;
}

boost::json::value Export(db::Connection& connection, std::int64_t user_id) {
    auto account = connection.Execute(kSelectAccount, {user_id});
    if (account.empty()) return nullptr;
    boost::json::object out;
    out["account"] = {
        {"id", account.Int(0, 0)},         {"email", account.Text(0, 1)},         {"display_name", account.Text(0, 2)},
        {"locale", account.Text(0, 3)},    {"disabled", account.Int(0, 4) != 0},  {"created_at", account.Int(0, 5)},
        {"updated_at", account.Int(0, 6)}, {"erased_at", Optional(account, 0, 7)}};
    auto memberships = connection.Execute(kSelectMemberships, {user_id});
    boost::json::array roles;
    for (std::size_t row = 0; row < memberships.size(); ++row) {
        roles.push_back({{"role", memberships.Text(row, 0)},
                         {"organization_id", Optional(memberships, row, 1)},
                         {"organization", memberships.Text(row, 2)},
                         {"network_id", Optional(memberships, row, 3)},
                         {"network", memberships.Text(row, 4)},
                         {"created_at", memberships.Int(row, 5)}});
    }
    out["memberships"] = std::move(roles);
    auto sessions = connection.Execute(kSelectSessions, {user_id});
    boost::json::array open;
    for (std::size_t row = 0; row < sessions.size(); ++row) {
        open.push_back({{"created_at", sessions.Int(row, 0)},
                        {"last_seen_at", sessions.Int(row, 1)},
                        {"expires_at", sessions.Int(row, 2)},
                        {"address", sessions.Text(row, 3)},
                        {"user_agent", sessions.Text(row, 4)},
                        {"second_factor_at", Optional(sessions, row, 5)}});
    }
    out["sessions"] = std::move(open);
    auto totp = connection.Execute(kSelectTotp, {user_id});
    // The TOTP secret itself is a credential, not information about her: it is not exported.
    out["second_factor"] = {{"totp", totp.empty() ? boost::json::value(nullptr)
                                                  : boost::json::value{{"created_at", totp.Int(0, 0)},
                                                                       {"confirmed_at", Optional(totp, 0, 1)}}},
                            {"unused_recovery_codes", connection.Execute(kCountRecoveryCodes, {user_id}).Int(0, 0)}};
    out["invitations"] = Times(connection, kSelectInvitations, user_id);
    out["password_resets"] = Times(connection, kSelectResets, user_id);
    // The reasons staff wrote are sealed and read in her session; here, when.
    auto access_resets = connection.Execute(kSelectAccessResets, {user_id});
    boost::json::array resets;
    for (std::size_t row = 0; row < access_resets.size(); ++row)
        resets.push_back(boost::json::object{{"at", access_resets.Int(row, 0)}});
    out["access_resets_by_staff"] = std::move(resets);
    auto joined = connection.Execute(kSelectJoined, {user_id});
    boost::json::array codes;
    for (std::size_t row = 0; row < joined.size(); ++row) {
        codes.push_back({{"organization_id", joined.Int(row, 0)},
                         {"role", joined.Text(row, 1)},
                         {"accepted_at", joined.Int(row, 2)}});
    }
    out["join_codes_accepted"] = std::move(codes);
    return out;
}

void Erase(db::Connection& connection, std::int64_t user_id, std::int64_t now_ms) {
    auto user = accounts::FindUser(connection, user_id);
    if (!user) return;
    for (auto statement : kEraseStatements) connection.Execute(statement, {user_id});
    const std::string name = throttle::AccountName(user->email, user_id);
    connection.Execute(kDeleteThrottleKeys,
                       {"account:" + name, "reset:" + user->email, throttle::SecondFactorKey(user_id)});
    connection.Execute(kDeletePairKeys, {throttle::LoginPairPrefix(name)});
    connection.Execute(kAnonymize, {user_id, now_ms});
}

}  // namespace

void DeclarePersonalData(core::Registry& registry) {
    registry.AddPersonalData(
        {.name = "auth.account",
         .description = "The account: email, name, language, memberships (roles in organizations), sessions with "
                        "their address and browser, two-step sign-in state, invitations, password reset links and "
                        "sign-in throttling keys, new invitation codes staff gave for her account (with their "
                        "reason) and the join codes she accepted.",
         .tables = {"accounts_users", "tenancy_memberships", "authentication_sessions", "authentication_totp",
                    "authentication_recovery_codes", "accounts_invitations", "authentication_password_resets",
                    "throttle_keys", "accounts_access_resets", "tenancy_membership_invitations"},
         .exporter = [](db::Connection& connection, std::int64_t person,
                        const privacy::Context&) { return Export(connection, person); },
         .eraser = [](db::Connection& connection, std::int64_t person,
                      const privacy::Context& context) { Erase(connection, person, context.now_ms); },
         .retention = "The anonymized account row and its memberships (role, organization, date) are kept for "
                      "aggregate statistics; they no longer identify anyone."});
    for (const char* table : {"tenancy_organizations", "tenancy_networks", "tenancy_network_organizations"}) {
        registry.DeclareNoPersonalData(table, "organizations and networks, not people");
    }
}

}  // namespace ponte::identity

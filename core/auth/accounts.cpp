#include "core/auth/accounts.hpp"

#include <algorithm>
#include <cctype>

namespace ponte::auth {
namespace {

constexpr std::string_view kSelectUserByEmail =
    "SELECT id, COALESCE(email, ''), display_name, COALESCE(password_hash, ''), locale, disabled "
    "FROM auth_users WHERE email = $1";
constexpr std::string_view kSelectUser =
    "SELECT id, COALESCE(email, ''), display_name, COALESCE(password_hash, ''), locale, disabled "
    "FROM auth_users WHERE id = $1";
constexpr std::string_view kInsertUser =
    "INSERT INTO auth_users (email, display_name, password_hash, locale, disabled, created_at, updated_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id";
constexpr std::string_view kUpdatePassword = "UPDATE auth_users SET password_hash = $2, updated_at = $3 WHERE id = $1";
constexpr std::string_view kUpdateLocale = "UPDATE auth_users SET locale = $2, updated_at = $3 WHERE id = $1";
constexpr std::string_view kUpdateDisabled =
    "UPDATE auth_users SET disabled = $2, updated_at = $3, version = version + 1 WHERE id = $1";
constexpr std::string_view kDeleteSessionsOfUser = "DELETE FROM auth_sessions WHERE user_id = $1";
constexpr std::string_view kInsertNetwork = "INSERT INTO auth_networks (name, created_at) VALUES ($1, $2) RETURNING id";
constexpr std::string_view kInsertOrganization =
    "INSERT INTO auth_organizations (name, kind, created_at) VALUES ($1, $2, $3) RETURNING id";
constexpr std::string_view kInsertNetworkOrganization =
    "INSERT INTO auth_network_organizations (network_id, organization_id) VALUES ($1, $2)";
constexpr std::string_view kSelectNetworksOf =
    "SELECT network_id FROM auth_network_organizations WHERE organization_id = $1 ORDER BY network_id";
constexpr std::string_view kInsertMembership =
    "INSERT INTO auth_memberships (user_id, role, organization_id, network_id, created_at, created_by) "
    "VALUES ($1, $2, $3, $4, $5, $6) RETURNING id";
constexpr std::string_view kSelectMemberships =
    "SELECT id, role, COALESCE(organization_id, 0), COALESCE(network_id, 0) FROM auth_memberships "
    "WHERE user_id = $1 ORDER BY id";

db::Value NullIfEmpty(std::string_view text) {
    return text.empty() ? db::Value{nullptr} : db::Value{std::string(text)};
}

std::optional<User> ReadUser(const db::Result& rows) {
    if (rows.empty()) return std::nullopt;
    return User{rows.Int(0, 0),  rows.Text(0, 1), rows.Text(0, 2),
                rows.Text(0, 3), rows.Text(0, 4), rows.Int(0, 5) != 0};
}

}  // namespace

bool LooksLikeEmail(std::string_view email) {
    auto at = email.find('@');
    if (at == std::string_view::npos || at == 0 || at + 1 == email.size() ||
        email.find('@', at + 1) != std::string_view::npos) {
        return false;
    }
    // Nothing that could break out of an address in a mail header or an SMTP command.
    return std::none_of(email.begin(), email.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u <= 0x20 || u == 0x7f || c == '<' || c == '>' || c == ',' || c == ';' || c == '"' || c == '\\' ||
               c == '(' || c == ')' || c == '[' || c == ']' || c == ':';
    });
}

std::string NormalizeEmail(std::string_view email) {
    while (!email.empty() && std::isspace(static_cast<unsigned char>(email.front()))) email.remove_prefix(1);
    while (!email.empty() && std::isspace(static_cast<unsigned char>(email.back()))) email.remove_suffix(1);
    std::string out(email);
    for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::optional<User> FindUserByEmail(db::Connection& connection, std::string_view normalized_email) {
    return ReadUser(connection.Execute(kSelectUserByEmail, {std::string(normalized_email)}));
}

std::optional<User> FindUser(db::Connection& connection, std::int64_t user_id) {
    return ReadUser(connection.Execute(kSelectUser, {user_id}));
}

std::int64_t CreateUser(db::Connection& connection, const User& user, std::int64_t now_ms) {
    auto rows =
        connection.Execute(kInsertUser, {NullIfEmpty(user.email), user.display_name, NullIfEmpty(user.password_hash),
                                         user.locale, std::int64_t{user.disabled ? 1 : 0}, now_ms});
    return rows.Int(0, 0);
}

void SetPasswordHash(db::Connection& connection, std::int64_t user_id, std::string_view hash, std::int64_t now_ms) {
    connection.Execute(kUpdatePassword, {user_id, std::string(hash), now_ms});
}

void SetLocale(db::Connection& connection, std::int64_t user_id, std::string_view locale, std::int64_t now_ms) {
    connection.Execute(kUpdateLocale, {user_id, std::string(locale), now_ms});
}

void SetDisabled(db::Connection& connection, std::int64_t user_id, bool disabled, std::int64_t now_ms) {
    connection.Execute(kUpdateDisabled, {user_id, std::int64_t{disabled ? 1 : 0}, now_ms});
    if (disabled) connection.Execute(kDeleteSessionsOfUser, {user_id});
}

std::int64_t CreateNetwork(db::Connection& connection, std::string_view name, std::int64_t now_ms) {
    return connection.Execute(kInsertNetwork, {std::string(name), now_ms}).Int(0, 0);
}

std::int64_t CreateOrganization(db::Connection& connection, std::string_view name, std::string_view kind,
                                std::int64_t now_ms) {
    return connection.Execute(kInsertOrganization, {std::string(name), std::string(kind), now_ms}).Int(0, 0);
}

void AddOrganizationToNetwork(db::Connection& connection, std::int64_t network_id, std::int64_t organization_id) {
    connection.Execute(kInsertNetworkOrganization, {network_id, organization_id});
}

std::vector<std::int64_t> NetworksOf(db::Connection& connection, std::int64_t organization_id) {
    auto rows = connection.Execute(kSelectNetworksOf, {organization_id});
    std::vector<std::int64_t> out;
    for (std::size_t row = 0; row < rows.size(); ++row) out.push_back(rows.Int(row, 0));
    return out;
}

std::int64_t AddMembership(db::Connection& connection, std::int64_t user_id, const policy::Membership& membership,
                           std::int64_t created_by, std::int64_t now_ms) {
    auto rows = connection.Execute(
        kInsertMembership,
        {user_id, std::string(policy::RoleName(membership.role)), db::NullIfZero(membership.organization_id),
         db::NullIfZero(membership.network_id), now_ms, db::NullIfZero(created_by)});
    return rows.Int(0, 0);
}

std::vector<policy::Membership> ListMemberships(db::Connection& connection, std::int64_t user_id) {
    auto rows = connection.Execute(kSelectMemberships, {user_id});
    std::vector<policy::Membership> out;
    for (std::size_t row = 0; row < rows.size(); ++row) {
        auto role = policy::ParseRole(rows.Text(row, 1));
        if (!role) continue;  // a role this version does not know grants nothing
        out.push_back({rows.Int(row, 0), *role, rows.Int(row, 2), rows.Int(row, 3)});
    }
    return out;
}

}  // namespace ponte::auth

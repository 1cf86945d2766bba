#include "core/accounts/store.hpp"

#include <algorithm>
#include <cctype>

namespace ponte::accounts {
namespace {

constexpr std::string_view kSelectUserByEmail =
    "SELECT id, COALESCE(email, ''), display_name, COALESCE(password_hash, ''), locale, disabled "
    "FROM accounts_users WHERE email = $1";
constexpr std::string_view kSelectUser =
    "SELECT id, COALESCE(email, ''), display_name, COALESCE(password_hash, ''), locale, disabled "
    "FROM accounts_users WHERE id = $1";
constexpr std::string_view kInsertUser =
    "INSERT INTO accounts_users (email, display_name, password_hash, locale, disabled, created_at, updated_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id";
constexpr std::string_view kUpdatePassword =
    "UPDATE accounts_users SET password_hash = $2, updated_at = $3 WHERE id = $1";
constexpr std::string_view kUpdateLocale = "UPDATE accounts_users SET locale = $2, updated_at = $3 WHERE id = $1";
constexpr std::string_view kUpdateDisabled =
    "UPDATE accounts_users SET disabled = $2, updated_at = $3, version = version + 1 WHERE id = $1";

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
}

}  // namespace ponte::accounts

// Accounts: the storage of who exists (her email, name, password hash, language, whether the
// account is disabled). SQL is in store.cpp as named constants.
//
// Every function runs one or a few statements on the caller's connection, so that callers group
// them (with their audit entries) in one transaction. Throws db::UniqueViolation for a duplicate
// email.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/db/database.hpp"

namespace ponte::accounts {

struct User {
    std::int64_t id = 0;
    std::string email;  // lower case; empty when the person has none
    std::string display_name;
    std::string password_hash;  // empty until a password is set
    std::string locale;
    bool disabled = false;
};

// One '@' with text on both sides, and no space, control or punctuation that has a meaning in a
// mail header or an SMTP command: all a server can know of an address without mailing it.
bool LooksLikeEmail(std::string_view email);

// Lower-cases the ASCII letters of an email and trims surrounding spaces.
std::string NormalizeEmail(std::string_view email);

std::optional<User> FindUserByEmail(db::Connection& connection, std::string_view normalized_email);
std::optional<User> FindUser(db::Connection& connection, std::int64_t user_id);

// Creates a user; `email` may be empty (participants without one), `password_hash` too.
std::int64_t CreateUser(db::Connection& connection, const User& user, std::int64_t now_ms);
void SetPasswordHash(db::Connection& connection, std::int64_t user_id, std::string_view hash, std::int64_t now_ms);
void SetLocale(db::Connection& connection, std::int64_t user_id, std::string_view locale, std::int64_t now_ms);
// Disables or enables an account, a new version of it (If-Match). A disabled account's sessions
// resolve to no one (authentication/sessions.hpp); the caller ends them too.
void SetDisabled(db::Connection& connection, std::int64_t user_id, bool disabled, std::int64_t now_ms);

}  // namespace ponte::accounts

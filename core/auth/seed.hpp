// Demo identities for `make run`: a territorial network of three organizations and one account
// for every role, all with the same published password. Only on a database without accounts.
#pragma once

#include <string>
#include <vector>

#include "core/crypto/password.hpp"
#include "core/db/database.hpp"

namespace ponte::auth {

inline constexpr std::string_view kDemoPassword = "ponte demo password";
// Every demo account's email is <role>@kDemoDomain: a domain under .example (RFC 2606), which no
// real person's address can have.
inline constexpr std::string_view kDemoDomain = "demo.ponte.example";

struct DemoAccount {
    std::string email;
    std::string role;
    std::string organization;  // empty for network and platform roles
};

// Creates the demo network and accounts in one transaction and returns them; returns nothing
// and changes nothing when any account exists already.
std::vector<DemoAccount> SeedDemo(db::Database& database, crypto::PasswordHasher& hasher);

// How many enabled demo accounts (email at kDemoDomain) still have kDemoPassword: `serve` outside
// demo mode refuses to start while there is any. Costs one password verification per such
// account (about 0.1 s each at the default cost); none on a database without demo accounts.
std::int64_t CountDemoPasswordAccounts(db::Connection& connection, crypto::PasswordHasher& hasher);

}  // namespace ponte::auth

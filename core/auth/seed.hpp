// Demo identities for `make run`: a territorial network of three organizations and one account
// for every role, all with the same published password. Only on a database without accounts.
#pragma once

#include <string>
#include <vector>

#include "core/crypto/password.hpp"
#include "core/db/database.hpp"

namespace ponte::auth {

inline constexpr std::string_view kDemoPassword = "ponte demo password";

struct DemoAccount {
    std::string email;
    std::string role;
    std::string organization;  // empty for network and platform roles
};

// Creates the demo network and accounts in one transaction and returns them; returns nothing
// and changes nothing when any account exists already.
std::vector<DemoAccount> SeedDemo(db::Database& database, crypto::PasswordHasher& hasher);

}  // namespace ponte::auth

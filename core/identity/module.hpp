// The identity module: accounts (core/accounts), tenancy (core/tenancy), authentication
// (core/authentication) and its throttle (core/throttle) registered together, with what spans them: staff making a
// person's account in an organization and handing her an invitation code (users.hpp), the demo people (seed.hpp), and
// what they hold about a person (personal_data.hpp). Its settings are the sessions' and the password hashing's.
//
// The rooms' tables carry their room's name (accounts_, tenancy_, authentication_, throttle_);
// the policy actions, the audit log's words and the API's paths keep the `auth` of the module
// they were first written for (auth.user.create, "auth.user", /api/v1/auth/login): the audit log
// is append-only and hash-chained, and its entries name them.
#pragma once

#include <memory>

#include <vector>

#include "core/db/migrate.hpp"
#include "core/module.hpp"

namespace ponte::identity {

std::unique_ptr<core::Module> MakeModule();

// The module's migrations, in order: the audit log's, then the identity tables' and their rooms'.
std::vector<db::Migration> Migrations();

}  // namespace ponte::identity

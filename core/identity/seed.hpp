// Demo identities for `make run`: a territorial network of three organizations and one account
// for every role, all with the same published password. Only on a database without accounts.
#pragma once

#include <string>
#include <vector>

#include "core/crypto/password.hpp"
#include "core/db/database.hpp"
#include "core/seed.hpp"

namespace ponte::identity {

inline constexpr std::string_view kDemoPassword = "ponte demo password";
// Every demo account's email is <role>@kDemoDomain: a domain under .example (RFC 2606), which no
// real person's address can have.
inline constexpr std::string_view kDemoDomain = "demo.ponte.example";

// True when the database has any account: `ponte seed-demo` then adds nothing.
bool HasAccounts(db::Connection& connection);

// The identities' demo seed (core::Seed): the network, its three organizations and one account per
// role, all with kDemoPassword, in world.people and world.accounts; at a larger scale, further
// participants without a password in world.participants.
void SeedDemo(db::Connection& connection, core::DemoWorld& world);

// How many enabled demo accounts (email at kDemoDomain) still have kDemoPassword: `serve` outside
// demo mode refuses to start while there is any. Costs one password verification per such
// account (about 0.1 s each at the default cost); none on a database without demo accounts.
std::int64_t CountDemoPasswordAccounts(db::Connection& connection, crypto::PasswordHasher& hasher);

}  // namespace ponte::identity

// The settings of the identity module, from the `serve` command line.
#pragma once

#include "core/auth/sessions.hpp"
#include "core/crypto/password.hpp"

namespace ponte::auth {

struct Options {
    SessionOptions sessions;
    crypto::PasswordCost password_cost;
    int hashing_threads = 1;  // concurrent Argon2id hashes (each holds `memory_bytes`)
};

}  // namespace ponte::auth

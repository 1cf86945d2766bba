// The settings of the identity module, from the `serve` command line.
#pragma once

#include <chrono>
#include <string>

#include "core/auth/sessions.hpp"
#include "core/crypto/password.hpp"

namespace ponte::auth {

struct Options {
    SessionOptions sessions;
    crypto::PasswordCost password_cost;
    int hashing_threads = 1;  // concurrent Argon2id hashes (each holds `memory_bytes`)
    std::chrono::milliseconds invitation_lifetime{std::chrono::hours(14 * 24)};
    std::chrono::milliseconds password_reset_lifetime{std::chrono::minutes(60)};
    // The address people open Ponte at ("https://ponte.example.org"), for links in QR codes and
    // emails; empty: taken from the request's Host, https when cookies are Secure.
    std::string public_url;
};

}  // namespace ponte::auth

// The settings of authentication, from the `serve` command line (core/identity/module.cpp).
#pragma once

#include <chrono>
#include <string>

#include "core/authentication/sessions.hpp"
#include "core/crypto/password.hpp"

namespace ponte::authentication {

struct Options {
    SessionOptions sessions;
    crypto::PasswordCost password_cost;
    int hashing_threads = 1;  // concurrent Argon2id hashes (each holds `memory_bytes`)
    std::chrono::milliseconds password_reset_lifetime{std::chrono::minutes(60)};
    // The address people open Ponte at ("https://ponte.example.org"), for links in QR codes and
    // emails; empty: taken from the request's Host, https when cookies are Secure.
    std::string public_url;
};

}  // namespace ponte::authentication

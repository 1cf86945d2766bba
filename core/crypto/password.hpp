// Password hashing with Argon2id (libsodium's crypto_pwhash), in the PHC string format that
// carries its own salt and cost, so hashes made with an older cost still verify.
//
// A hash costs about 0.1 s of a core and 64 MiB at the default cost: at most `max_concurrent`
// hashes run at once, the others wait their turn, so a flood of logins cannot exhaust memory.
// Callers run on the server's bounded pool for heavy routes (see http::Route::heavy), never on
// an event loop.
#pragma once

#include <cstdint>
#include <mutex>
#include <semaphore>
#include <string>
#include <string_view>

namespace ponte::crypto {

struct PasswordCost {
    std::uint64_t passes = 2;                // Argon2 t (libsodium's opslimit), at least 1
    std::size_t memory_bytes = 64ULL << 20;  // Argon2 m, at least 8 KiB
};

class PasswordHasher {
  public:
    // Precondition: 1 <= max_concurrent <= 64.
    explicit PasswordHasher(PasswordCost cost = {}, int max_concurrent = 2);

    // The encoded hash of `password`. Throws std::runtime_error when out of memory.
    std::string Hash(std::string_view password);

    // True when `password` matches `encoded`. A malformed `encoded` is simply no match.
    bool Verify(std::string_view encoded, std::string_view password);

    // Spends the time of a verification without an account, so that an unknown email answers as
    // slowly as a wrong password and does not reveal which addresses have accounts.
    void VerifyNothing(std::string_view password);

    // True when `encoded` was made with another cost than the current one (rehash at next login).
    bool NeedsRehash(std::string_view encoded) const;

    const PasswordCost& cost() const { return cost_; }

  private:
    PasswordCost cost_;
    std::counting_semaphore<64> slots_;
    std::once_flag dummy_once_;
    std::string dummy_;  // a hash of a random password at the current cost, made at first need
};

}  // namespace ponte::crypto

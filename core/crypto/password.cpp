#include "core/crypto/password.hpp"

#include <sodium.h>

#include <stdexcept>

#include "core/crypto/random.hpp"

namespace ponte::crypto {
namespace {

// Holds one of the hasher's slots for the duration of a hash.
class Slot {
  public:
    explicit Slot(std::counting_semaphore<64>& slots) : slots_(slots) { slots_.acquire(); }
    ~Slot() { slots_.release(); }
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;

  private:
    std::counting_semaphore<64>& slots_;
};

}  // namespace

PasswordHasher::PasswordHasher(PasswordCost cost, int max_concurrent) : cost_(cost), slots_(max_concurrent) {
    EnsureInitialized();
    if (cost_.passes < crypto_pwhash_OPSLIMIT_MIN) cost_.passes = crypto_pwhash_OPSLIMIT_MIN;
    if (cost_.memory_bytes < crypto_pwhash_MEMLIMIT_MIN) cost_.memory_bytes = crypto_pwhash_MEMLIMIT_MIN;
}

std::string PasswordHasher::Hash(std::string_view password) {
    char out[crypto_pwhash_STRBYTES];
    Slot slot(slots_);
    if (crypto_pwhash_str_alg(out, password.data(), password.size(), cost_.passes, cost_.memory_bytes,
                              crypto_pwhash_ALG_ARGON2ID13) != 0) {
        throw std::runtime_error("password hashing ran out of memory");
    }
    return out;
}

bool PasswordHasher::Verify(std::string_view encoded, std::string_view password) {
    // crypto_pwhash_str_verify needs a NUL-terminated string of bounded size.
    if (encoded.empty() || encoded.size() >= crypto_pwhash_STRBYTES) return false;
    std::string terminated(encoded);
    Slot slot(slots_);
    return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

void PasswordHasher::VerifyNothing(std::string_view password) {
    std::call_once(dummy_once_, [this] { dummy_ = Hash(RandomToken(16)); });
    (void)Verify(dummy_, password);
}

bool PasswordHasher::NeedsRehash(std::string_view encoded) const {
    std::string terminated(encoded);
    return crypto_pwhash_str_needs_rehash(terminated.c_str(), cost_.passes, cost_.memory_bytes) != 0;
}

}  // namespace ponte::crypto

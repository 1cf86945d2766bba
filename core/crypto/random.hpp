// Random tokens and digests from libsodium. Thread-safe: libsodium is initialized once, before
// the first use, by whichever thread gets there first.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ponte::crypto {

// `bytes` random bytes from the operating system's CSPRNG, as unpadded base64url (43 characters
// for 32 bytes). For session ids, CSRF tokens, invitation and reset codes.
std::string RandomToken(std::size_t bytes = 32);

// `bytes` raw random bytes.
std::string RandomBytes(std::size_t bytes);

// A uniformly random integer in [0, upper_bound). Precondition: upper_bound > 0.
std::uint32_t RandomBelow(std::uint32_t upper_bound);

// A random UUID (version 4, RFC 9562), in lower-case hex: ids that HSDS requires.
std::string RandomUuid();

// The UUID named by `name` (version 8 of RFC 9562, from the SHA-256 of the name): the same name
// gives the same id, as demo data made again needs.
std::string NamedUuid(std::string_view name);

// A code people can read aloud and type: `groups` groups of 4 symbols joined by '-', in an
// alphabet without look-alike characters (no 0/O, 1/I/L, U): log2(30^4) ≈ 19.6 bits per group.
// For recovery codes and invitation codes.
std::string ReadableCode(int groups);
// A typed readable code in its canonical form (upper case, spaces and dashes dropped, then
// regrouped); nullopt when it cannot be a code of `groups` groups.
std::optional<std::string> NormalizeReadableCode(std::string_view typed, int groups);

// SHA-256 of `data` as 64 lower-case hex digits. Session ids are stored only as their digest, so
// that a copy of the database holds no usable session.
std::string Sha256Hex(std::string_view data);

// Compares in time that depends only on the lengths, for secrets.
bool ConstantTimeEqual(std::string_view a, std::string_view b);

// Throws std::runtime_error when libsodium cannot initialize (no entropy source).
void EnsureInitialized();

}  // namespace ponte::crypto

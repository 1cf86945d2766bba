// Field encryption: sensitive fields and files are sealed with XChaCha20-Poly1305 (libsodium)
// under keys that live outside the database, in a key file or the PONTE_KEYS environment
// variable, so that a copy of the database (or of a backup) alone reveals nothing sealed.
//
// A key file holds one key per line, "<id> <base64 of 32 bytes>", '#' starting a comment. The last
// key is the current one: Seal uses it; Open accepts any key of the file. Rotation appends a new
// key (`ponte keys rotate`), then `ponte keys reseal` re-seals every declared column under it.
// Keep retired keys in the file all the same: audit log entries stay keyed by the key of their
// time (the chain cannot be rewritten), and `ponte audit verify` needs it.
//
// Every sealed value is bound to a context (which field of which record, e.g.
// "cases_transitions.reason:42"), passed as associated data: a sealed value copied into another
// record or field does not open. The context names the table a value was first sealed in, and
// keeps that name when the table is renamed (crypto::SealedColumn::context_table).
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace ponte::crypto {

// A sealed value that does not open: unknown key id, wrong context, tampered or malformed.
class SealError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// A key file or PONTE_KEYS that cannot be used; the message says why and how to fix it.
class KeyringError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// The context of a sealed column value: "<table>.<column>:<row id>".
std::string FieldContext(std::string_view table, std::string_view column, std::int64_t row_id);

class Keyring {
  public:
    static constexpr std::size_t kKeyBytes = 32;

    // Parses the key file format. Throws KeyringError on a malformed line, a duplicate id or no key.
    static Keyring Parse(std::string_view text);
    // Reads and parses a key file. Throws KeyringError when it is missing, readable by others than
    // its owner, or malformed.
    static Keyring Load(const std::filesystem::path& file);
    // From the PONTE_KEYS environment variable when it is set, else from `file`.
    static Keyring FromEnvironmentOr(const std::filesystem::path& file);

    // A new key line "<id> <base64>" with fresh random bytes. Precondition: IsValidKeyId(id).
    static std::string NewKeyLine(std::string_view id);
    static bool IsValidKeyId(std::string_view id);  // 1..32 of [A-Za-z0-9_-]

    Keyring(const Keyring&) = default;
    Keyring& operator=(const Keyring&) = default;
    Keyring(Keyring&&) = default;
    Keyring& operator=(Keyring&&) = default;
    ~Keyring();

    const std::string& current_id() const { return keys_.back().id; }
    std::vector<std::string> ids() const;

    // "v1:<key id>:<base64url of nonce and ciphertext>", sealed with the current key.
    std::string Seal(std::string_view plaintext, std::string_view context) const;
    // Throws SealError when `sealed` does not open under `context`.
    std::string Open(std::string_view sealed, std::string_view context) const;
    // Files (documents, photos): `in` is sealed into `out` in chunks of 64 KiB
    // (crypto_secretstream_xchacha20poly1305) under the current key, each chunk bound to `context`,
    // so that a cut, reordered or edited file does not open. Memory use does not grow with size.
    void SealStream(std::istream& in, std::ostream& out, std::string_view context) const;
    // Writes the plain content to `out`; throws SealError when the stream does not open (and
    // `out` must then be discarded: it may hold the chunks read before the fault).
    void OpenStream(std::istream& in, std::ostream& out, std::string_view context) const;
    // Opens the sealed file `in` and seals it again into `out` under the current key, chunk by
    // chunk, so that its plain content is never whole in memory nor anywhere on disk. Throws
    // SealError as OpenStream does (`out` must then be discarded).
    void ResealStream(std::istream& in, std::ostream& out, std::string_view context) const;
    // The key id a sealed file's header names (reading only the header); nullopt when it is not one.
    static std::optional<std::string> KeyIdOfStream(std::istream& in);

    // The key id a sealed value names (without opening it); nullopt when it is malformed.
    static std::optional<std::string> KeyIdOf(std::string_view sealed);

    // A 32-byte key for another purpose than sealing (such as the audit chain's MAC), derived
    // from key `key_id` with the 8-character `purpose`. Throws SealError for an unknown id.
    std::array<unsigned char, kKeyBytes> DeriveKey(std::string_view key_id, std::string_view purpose) const;

  private:
    struct Key {
        std::string id;
        std::array<unsigned char, kKeyBytes> bytes{};
    };
    Keyring() = default;
    const Key* Find(std::string_view id) const;

    std::vector<Key> keys_;
};

// Writes a new key file holding one fresh key "k1", readable by its owner only. Throws
// KeyringError when the file exists (keys are never overwritten: what they sealed would be lost).
void CreateKeyFile(const std::filesystem::path& file);
// Appends a fresh key to an existing key file, which becomes the current one; returns its id
// ("k<n>", one more than the largest such id in the file).
std::string AddKeyToFile(const std::filesystem::path& file);

}  // namespace ponte::crypto

#include "core/crypto/random.hpp"

#include <sodium.h>

#include <stdexcept>
#include <vector>

namespace ponte::crypto {

void EnsureInitialized() {
    // sodium_init is thread-safe and returns 1 when already initialized.
    static const bool initialized = sodium_init() >= 0;
    if (!initialized) throw std::runtime_error("libsodium could not be initialized");
}

std::string RandomToken(std::size_t bytes) {
    EnsureInitialized();
    std::vector<unsigned char> raw(bytes);
    randombytes_buf(raw.data(), raw.size());
    const int variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
    std::string out(sodium_base64_ENCODED_LEN(bytes, variant), '\0');
    sodium_bin2base64(out.data(), out.size(), raw.data(), raw.size(), variant);
    out.resize(out.find('\0'));
    sodium_memzero(raw.data(), raw.size());
    return out;
}

std::string RandomBytes(std::size_t bytes) {
    EnsureInitialized();
    std::string raw(bytes, '\0');
    randombytes_buf(raw.data(), raw.size());
    return raw;
}

namespace {

// 16 bytes as a UUID of `version`, with the RFC 9562 variant.
std::string FormatUuid(std::string bytes, int version) {
    bytes[6] = static_cast<char>((static_cast<unsigned char>(bytes[6]) & 0x0f) | (version << 4));
    bytes[8] = static_cast<char>((static_cast<unsigned char>(bytes[8]) & 0x3f) | 0x80);
    static constexpr char kHex[] = "0123456789abcdef";
    std::string text;
    for (std::size_t i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) text += '-';
        text += kHex[static_cast<unsigned char>(bytes[i]) >> 4];
        text += kHex[static_cast<unsigned char>(bytes[i]) & 0x0f];
    }
    return text;
}

}  // namespace

std::string RandomUuid() { return FormatUuid(RandomBytes(16), 4); }

std::string NamedUuid(std::string_view name) {
    EnsureInitialized();
    std::string digest(crypto_hash_sha256_BYTES, '\0');
    crypto_hash_sha256(reinterpret_cast<unsigned char*>(digest.data()),
                       reinterpret_cast<const unsigned char*>(name.data()), name.size());
    return FormatUuid(digest.substr(0, 16), 8);
}

std::uint32_t RandomBelow(std::uint32_t upper_bound) {
    EnsureInitialized();
    return randombytes_uniform(upper_bound);
}

namespace {
constexpr std::string_view kReadableAlphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";  // 30 symbols
}

std::string ReadableCode(int groups) {
    std::string code;
    for (int group = 0; group < groups; ++group) {
        if (group > 0) code += '-';
        for (int symbol = 0; symbol < 4; ++symbol) {
            code += kReadableAlphabet[RandomBelow(static_cast<std::uint32_t>(kReadableAlphabet.size()))];
        }
    }
    return code;
}

std::optional<std::string> NormalizeReadableCode(std::string_view typed, int groups) {
    const std::size_t length = static_cast<std::size_t>(groups) * 4;
    std::string symbols;
    for (char c : typed) {
        if (c == ' ' || c == '-') continue;
        const char upper = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
        if (kReadableAlphabet.find(upper) == std::string_view::npos || symbols.size() == length) return std::nullopt;
        symbols += upper;
    }
    if (symbols.size() != length) return std::nullopt;
    std::string code;
    for (std::size_t i = 0; i < length; i += 4) {
        if (i > 0) code += '-';
        code += symbols.substr(i, 4);
    }
    return code;
}

std::string Sha256Hex(std::string_view data) {
    EnsureInitialized();
    unsigned char digest[crypto_hash_sha256_BYTES];
    crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
    std::string hex(2 * sizeof digest + 1, '\0');
    sodium_bin2hex(hex.data(), hex.size(), digest, sizeof digest);
    hex.pop_back();
    return hex;
}

bool ConstantTimeEqual(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    return a.empty() || sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace ponte::crypto

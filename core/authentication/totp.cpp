#include "core/authentication/totp.hpp"

#include <liboath/oath.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <stdexcept>

#include "core/crypto/random.hpp"

namespace ponte::authentication {
namespace {

constexpr int kDigits = 6;
constexpr std::size_t kSecretBytes = 20;

void EnsureOath() {
    static const int status = oath_init();
    if (status != OATH_OK) throw std::runtime_error("liboath could not be initialized");
}

// The secret's bytes, or nullopt when it is not base32.
std::optional<std::string> DecodeSecret(std::string_view base32) {
    EnsureOath();
    char* raw = nullptr;
    std::size_t length = 0;
    if (oath_base32_decode(base32.data(), base32.size(), &raw, &length) != OATH_OK) return std::nullopt;
    std::unique_ptr<char, decltype(&std::free)> owned(raw, &std::free);
    return std::string(raw, length);
}

std::string PercentEncode(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    return out;
}

}  // namespace

std::string NewTotpSecret() {
    EnsureOath();
    std::string raw = crypto::RandomBytes(kSecretBytes);
    char* encoded = nullptr;
    std::size_t length = 0;
    if (oath_base32_encode(raw.data(), raw.size(), &encoded, &length) != OATH_OK) {
        throw std::runtime_error("base32 encoding failed");
    }
    std::unique_ptr<char, decltype(&std::free)> owned(encoded, &std::free);
    std::string secret(encoded, length);
    secret.erase(std::remove(secret.begin(), secret.end(), '='), secret.end());
    return secret;
}

std::string TotpCode(std::string_view base32_secret, std::int64_t unix_seconds) {
    auto secret = DecodeSecret(base32_secret);
    if (!secret) throw std::invalid_argument("not a base32 secret");
    char code[kDigits + 1] = {};
    if (oath_totp_generate(secret->data(), secret->size(), static_cast<time_t>(unix_seconds), kTotpStepSeconds, 0,
                           kDigits, code) != OATH_OK) {
        throw std::runtime_error("TOTP generation failed");
    }
    return code;
}

std::optional<std::int64_t> MatchTotp(std::string_view base32_secret, std::string_view code, std::int64_t unix_seconds,
                                      std::int64_t after_step) {
    if (code.size() != kDigits || !std::all_of(code.begin(), code.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        return std::nullopt;
    }
    auto secret = DecodeSecret(base32_secret);
    if (!secret) return std::nullopt;
    const std::string otp(code);
    int position = 0;
    std::uint64_t step = 0;
    const int result = oath_totp_validate3(secret->data(), secret->size(), static_cast<time_t>(unix_seconds),
                                           kTotpStepSeconds, 0, 1, &position, &step, otp.c_str());
    if (result < 0) return std::nullopt;
    if (static_cast<std::int64_t>(step) <= after_step) return std::nullopt;
    return static_cast<std::int64_t>(step);
}

std::string OtpauthUri(std::string_view issuer, std::string_view account, std::string_view base32_secret) {
    return "otpauth://totp/" + PercentEncode(issuer) + ":" + PercentEncode(account) +
           "?secret=" + std::string(base32_secret) + "&issuer=" + PercentEncode(issuer) +
           "&algorithm=SHA1&digits=6&period=30";
}

std::vector<std::string> NewRecoveryCodes(int count) {
    std::vector<std::string> codes;
    codes.reserve(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i) codes.push_back(crypto::ReadableCode(4));
    return codes;
}

std::optional<std::string> NormalizeRecoveryCode(std::string_view typed) {
    return crypto::NormalizeReadableCode(typed, 4);
}

}  // namespace ponte::authentication

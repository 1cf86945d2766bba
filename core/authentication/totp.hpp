// Time-based one-time passwords (RFC 6238: HMAC-SHA1, 6 digits, 30-second steps) through
// liboath, as every authenticator app expects them; and the one-time recovery codes that stand
// in when the phone is lost.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ponte::authentication {

inline constexpr int kTotpStepSeconds = 30;

// A new secret: 20 random bytes as unpadded base32 (32 characters), the form apps accept.
std::string NewTotpSecret();

// The code of `secret` at `unix_seconds`. For tests and for nothing else.
std::string TotpCode(std::string_view base32_secret, std::int64_t unix_seconds);

// The time step of the code that matches at `unix_seconds` (one step of clock drift either way
// is allowed), provided that step is after `after_step`; nullopt for a wrong, malformed or
// replayed code.
std::optional<std::int64_t> MatchTotp(std::string_view base32_secret, std::string_view code, std::int64_t unix_seconds,
                                      std::int64_t after_step);

// The otpauth:// URI an authenticator app reads from the enrolment QR code.
std::string OtpauthUri(std::string_view issuer, std::string_view account, std::string_view base32_secret);

// `count` recovery codes, each crypto::ReadableCode(4) (about 78 random bits), "XXXX-XXXX-XXXX-XXXX".
std::vector<std::string> NewRecoveryCodes(int count);
// A typed recovery code in its stored form: upper case, spaces and dashes removed, then regrouped;
// nullopt when it cannot be one.
std::optional<std::string> NormalizeRecoveryCode(std::string_view typed);

}  // namespace ponte::authentication

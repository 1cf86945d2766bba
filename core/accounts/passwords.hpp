// Rules for a new password or passphrase (NIST SP 800-63B): long enough, not absurdly long, not
// one of the most common ones, not the person's own email or name. No composition rules:
// "three words I remember" is better than "P@ssw0rd1".
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ponte::accounts {

inline constexpr std::size_t kMinPasswordLength = 10;  // code points
inline constexpr std::size_t kMaxPasswordLength = 256;

// The field error code for a new password, or nullopt when acceptable: "too_short", "too_long",
// "common" (in the block-list, one repeated character, or the person's email or name).
std::optional<std::string> CheckNewPassword(std::string_view password, std::string_view email,
                                            std::string_view display_name);

}  // namespace ponte::accounts

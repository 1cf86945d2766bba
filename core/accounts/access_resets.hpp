// New invitation codes that staff gave for an account whose owner had set her own passphrase:
// the way back in for a woman without email, and also a way for staff to become her. Each is kept
// with its written reason (sealed), and she is shown, at every sign-in for 90 days, who gave one
// and when. Internal to core/accounts; functions run on the caller's connection.
#pragma once

#include <boost/json/array.hpp>
#include <chrono>
#include <cstdint>
#include <string_view>

#include "core/crypto/keyring.hpp"
#include "core/db/database.hpp"

namespace ponte::accounts {

// How long she is shown a new code given by staff: as long as it is kept (the retention rule
// auth.access_resets), so that she sees it even if she signs in only months later.
// The table the reasons are sealed for (crypto::FieldContext): the one they were first kept in,
// before the table took the room's name; a value bound to it opens under no other.
inline constexpr std::string_view kAccessResetContextTable = "auth_access_resets";

inline constexpr std::chrono::milliseconds kAccessResetNoticePeriod = std::chrono::hours(24 * 90);

// Records that `by_user_id` gave a new code for `user_id`, with the reason, sealed.
void RecordAccessReset(db::Connection& connection, const crypto::Keyring& keyring, std::int64_t user_id,
                       std::int64_t by_user_id, std::string_view reason, std::int64_t now_ms);

// The codes given for her within the notice period, newest first: [{at, by, reason}], `by` the
// display name of the staff member (empty once that account is erased).
boost::json::array RecentAccessResets(db::Connection& connection, const crypto::Keyring& keyring, std::int64_t user_id,
                                      std::int64_t now_ms);

}  // namespace ponte::accounts

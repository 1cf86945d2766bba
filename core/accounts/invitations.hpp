// One-time invitation codes with which a person sets her own password: issued when staff create
// her account, again when she lost her code, and by `ponte admin create` for the first platform
// administrator. Only the SHA-256 digest of a code is stored.
#pragma once

#include <cstdint>
#include <string>

#include <chrono>
#include <optional>
#include <string_view>

#include "core/db/database.hpp"
#include "core/http/json_body.hpp"

namespace ponte::accounts {

// Invitation codes (and join codes, core/tenancy/joining.hpp): 5 groups of 4 readable symbols (about
// 98 random bits).
inline constexpr int kInvitationGroups = 5;

// Reads a readable one-time code (invitation, join code) from `name`, as typed: in any case,
// with or without dashes. Records `error_code` on the field when it cannot be such a code.
std::optional<std::string> ReadCode(http::JsonFields& fields, std::string_view name, std::string error_code);

struct Invitation {
    std::string code;  // canonical, kInvitationGroups groups
    std::int64_t expires_at = 0;
};

// How long an invitation code (and a join code) stays usable.
inline constexpr std::chrono::milliseconds kInvitationLifetime = std::chrono::hours(14 * 24);

// Issues a new code for `user_id` on the caller's connection (in the caller's transaction), valid
// for kInvitationLifetime, and deletes her unused earlier codes so that only the newest
// one works. `created_by` 0 means no account issued it (a command run on the server).
Invitation IssueInvitation(db::Connection& connection, std::int64_t user_id, std::int64_t created_by, std::int64_t now);

}  // namespace ponte::accounts

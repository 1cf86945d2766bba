// One-time invitation codes with which a person sets her own password: issued when staff create
// her account, again when she lost her code, and by `ponte admin create` for the first platform
// administrator. Only the SHA-256 digest of a code is stored.
#pragma once

#include <cstdint>
#include <string>

#include "core/auth/options.hpp"
#include "core/db/database.hpp"

namespace ponte::auth {

struct Invitation {
    std::string code;  // canonical, kInvitationGroups groups
    std::int64_t expires_at = 0;
};

// Issues a new code for `user_id` on the caller's connection (in the caller's transaction), valid
// for `options.invitation_lifetime`, and deletes her unused earlier codes so that only the newest
// one works. `created_by` 0 means no account issued it (a command run on the server).
Invitation IssueInvitation(db::Connection& connection, std::int64_t user_id, std::int64_t created_by, std::int64_t now,
                           const Options& options);

}  // namespace ponte::auth

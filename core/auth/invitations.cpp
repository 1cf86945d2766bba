#include "core/auth/invitations.hpp"

#include "core/auth/users.hpp"
#include "core/crypto/random.hpp"

namespace ponte::auth {
namespace {

constexpr std::string_view kDeleteUnusedInvitations =
    "DELETE FROM auth_invitations WHERE user_id = $1 AND used_at IS NULL";
constexpr std::string_view kInsertInvitation =
    "INSERT INTO auth_invitations (digest, user_id, created_by, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)";

}  // namespace

Invitation IssueInvitation(db::Connection& connection, std::int64_t user_id, std::int64_t created_by, std::int64_t now,
                           const Options& options) {
    connection.Execute(kDeleteUnusedInvitations, {user_id});
    Invitation invitation{crypto::ReadableCode(kInvitationGroups), now + options.invitation_lifetime.count()};
    connection.Execute(kInsertInvitation, {crypto::Sha256Hex(invitation.code), user_id, db::NullIfZero(created_by), now,
                                           invitation.expires_at});
    return invitation;
}

}  // namespace ponte::auth

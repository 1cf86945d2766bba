#include "core/accounts/invitations.hpp"

#include "core/crypto/random.hpp"

namespace ponte::accounts {
namespace {

constexpr std::string_view kDeleteUnusedInvitations =
    "DELETE FROM accounts_invitations WHERE user_id = $1 AND used_at IS NULL";
constexpr std::string_view kInsertInvitation =
    "INSERT INTO accounts_invitations (digest, user_id, created_by, created_at, expires_at) VALUES ($1, $2, $3, $4, "
    "$5)";

}  // namespace

Invitation IssueInvitation(db::Connection& connection, std::int64_t user_id, std::int64_t created_by,
                           std::int64_t now) {
    connection.Execute(kDeleteUnusedInvitations, {user_id});
    Invitation invitation{crypto::ReadableCode(kInvitationGroups), now + kInvitationLifetime.count()};
    connection.Execute(kInsertInvitation, {crypto::Sha256Hex(invitation.code), user_id, db::NullIfZero(created_by), now,
                                           invitation.expires_at});
    return invitation;
}

std::optional<std::string> ReadCode(http::JsonFields& fields, std::string_view name, std::string error_code) {
    auto code = fields.String(name);
    if (!code) return std::nullopt;
    auto canonical = crypto::NormalizeReadableCode(*code, kInvitationGroups);
    if (!canonical) fields.Invalid(name, std::move(error_code));
    return canonical;
}

}  // namespace ponte::accounts

#include "core/ops/admin.hpp"

#include "core/audit/audit.hpp"
#include "core/auth/accounts.hpp"
#include "core/db/errors.hpp"

namespace ponte::ops {
namespace {

// A disabled administrator cannot sign in, so she does not count: an installation whose only
// administrator was disabled needs no --force to get one again.
constexpr std::string_view kCountEnabledAdmins =
    "SELECT COUNT(*) FROM auth_memberships m JOIN auth_users u ON u.id = m.user_id "
    "WHERE m.role = 'platform_admin' AND u.disabled = 0";

}  // namespace

std::variant<CreatedAdmin, AdminRefusal> CreatePlatformAdmin(db::Database& database, const NewAdmin& admin,
                                                             const auth::Options& options, std::int64_t now_ms) {
    const std::string email = auth::NormalizeEmail(admin.email);
    if (!auth::LooksLikeEmail(email) || email.size() > 254) return AdminRefusal::kInvalidEmail;
    if (admin.display_name.empty() || admin.display_name.size() > 100) return AdminRefusal::kInvalidName;
    try {
        return database.Transact([&](db::Connection& connection) -> std::variant<CreatedAdmin, AdminRefusal> {
            if (!admin.force && connection.Execute(kCountEnabledAdmins).Int(0, 0) > 0) {
                return AdminRefusal::kAdminExists;
            }
            if (auth::FindUserByEmail(connection, email)) return AdminRefusal::kEmailTaken;
            const std::int64_t id =
                auth::CreateUser(connection, {.email = email, .display_name = admin.display_name}, now_ms);
            auth::AddMembership(connection, id, {.role = policy::Role::kPlatformAdmin}, 0, now_ms);
            auth::Invitation invitation = auth::IssueInvitation(connection, id, 0, now_ms, options);
            audit::Append(connection,
                          {.action = "auth.admin.create",
                           .outcome = "ok",
                           .resource_type = "auth.user",
                           .resource_id = std::to_string(id),
                           .detail = admin.force ? R"({"forced":true})" : R"({"forced":false})"},
                          now_ms);
            return CreatedAdmin{id, std::move(invitation)};
        });
    } catch (const db::UniqueViolation&) {
        return AdminRefusal::kEmailTaken;  // made by someone else between the check and the insert
    }
}

std::string InvitationLink(std::string_view public_url, std::string_view code) {
    while (public_url.ends_with('/')) public_url.remove_suffix(1);
    return std::string(public_url) + "/invite#" + std::string(code);
}

}  // namespace ponte::ops
